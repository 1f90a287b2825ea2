from django.contrib.auth.management import create_permissions
from django.db import migrations

TRANSLATORS = "Translators"
GROUP_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
    ("home", "add_organisationaddress"),
    ("home", "change_organisationaddress"),
    ("campaigns", "add_donationoption"),
    ("campaigns", "change_donationoption"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "choose_document"),
]


def create_japanese_locale_and_translators(apps, schema_editor):
    """Japanese joins English as a content language, with a group to translate it.

    Page permissions on the Japanese tree are granted when its home page is
    created (home.translators.grant_japanese_tree); snippet permissions are
    limited to Japanese snippets by home.wagtail_hooks.
    """
    Locale = apps.get_model("wagtailcore.Locale")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Locale.objects.get_or_create(language_code="ja")

    # Django creates model permissions after the last migration; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    translators, _ = Group.objects.get_or_create(name=TRANSLATORS)
    for app_label, codename in GROUP_PERMISSIONS:
        translators.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def remove_translators(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name=TRANSLATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        ("campaigns", "0001_initial"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RunPython(create_japanese_locale_and_translators, remove_translators)
    ]
