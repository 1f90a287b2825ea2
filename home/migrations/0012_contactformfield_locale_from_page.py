import uuid
from collections import Counter

from django.db import migrations


def give_fields_their_pages_locale(apps, schema_editor):
    """Each form field takes its own page's language, not the site's default one
    (Wagtail's BootstrapTranslatableModel would make every field English).

    A field of a page copied into another language shares its translation key with
    the field it was copied from (same clean name, same page translation key), so
    wagtail-localize keeps treating them as one field in two languages.
    """
    ContactFormField = apps.get_model("home", "ContactFormField")
    rows = ContactFormField.objects.order_by("page_id", "sort_order", "pk").values_list(
        "pk", "page_id", "page__locale_id", "page__translation_key", "clean_name"
    )
    keys = {}
    seen = Counter()
    for pk, page_id, locale_id, page_key, clean_name in rows:
        # The same clean name twice on one page are two fields, not one.
        seen[page_id, clean_name] += 1
        group = (page_key, clean_name, seen[page_id, clean_name])
        key = keys.setdefault(group, uuid.uuid4())
        ContactFormField.objects.filter(pk=pk).update(locale_id=locale_id, translation_key=key)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0011_contactformfield_locale"),
    ]

    operations = [
        migrations.RunPython(give_fields_their_pages_locale, migrations.RunPython.noop),
    ]
