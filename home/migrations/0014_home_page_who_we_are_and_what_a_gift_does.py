"""The home page's intro becomes "who we are", beside a new "what a gift does".

Renaming the column keeps the text editors wrote. What wagtail-localize and Wagtail
stored under the old name is renamed too: translators keep their Japanese for the
statement (its segments are found by path), and publishing an older revision or a
translation keeps the text instead of dropping a field the page no longer has.
"""

import json
import uuid

from django.db import migrations

import wagtail.fields

OLD, NEW = "intro", "who_we_are"
# wagtail-localize's namespace for the ids of its segment paths (TranslationContext).
PATH_ID_NAMESPACE = uuid.UUID("fcab004a-2b50-11ea-978f-2e728ce88125")


def renamed_key(data, old, new):
    if isinstance(data, dict) and old in data:
        data[new] = data.pop(old)
    return data


def rename_stored_field(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
    TranslationContext = apps.get_model("wagtail_localize", "TranslationContext")
    home_type = ContentType.objects.filter(app_label="home", model="homepage").first()
    if home_type is None:  # a fresh database: nothing stored yet
        return
    for revision in Revision.objects.filter(content_type_id=home_type.pk):
        revision.content = renamed_key(revision.content, old, new)
        revision.save(update_fields=["content"])
    sources = TranslationSource.objects.filter(specific_content_type_id=home_type.pk)
    for source in sources:
        content = renamed_key(json.loads(source.content_json), old, new)
        source.content_json = json.dumps(content)
        source.save(update_fields=["content_json"])
    contexts = TranslationContext.objects.filter(
        object_id__in=sources.values_list("object_id", flat=True), path=old
    )
    contexts.update(path=new, field_path=new, path_id=uuid.uuid5(PATH_ID_NAMESPACE, new))


def forwards(apps, schema_editor):
    rename_stored_field(apps, OLD, NEW)


def backwards(apps, schema_editor):
    rename_stored_field(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0013_contactformfield_translatable"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RenameField(model_name="homepage", old_name="intro", new_name="who_we_are"),
        migrations.AlterField(
            model_name="homepage",
            name="who_we_are",
            field=wagtail.fields.RichTextField(
                blank=True,
                help_text="One or two sentences at the top of the home page: who LFNKR is and "
                "what it does. Search engines show it too.",
                verbose_name="who we are",
            ),
        ),
        migrations.AddField(
            model_name="homepage",
            name="what_a_gift_does",
            field=wagtail.fields.RichTextField(
                blank=True,
                help_text="One or two sentences beside the home page's Donate button: what a "
                "gift does. Only facts the organisation can stand behind; the Donate page "
                "says more.",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
