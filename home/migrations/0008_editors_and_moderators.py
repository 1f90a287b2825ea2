from django.contrib.auth.management import create_permissions
from django.db import migrations

# Wagtail's own migrations already give both groups the admin, images, documents
# and the page tree (Editors add and change; Moderators also publish, lock and
# unlock) and put "Moderators approval" on the whole tree. What they cannot know
# is this site's snippets and redirects.
SNIPPETS = [
    ("home", "organisationaddress"),
    ("home", "sociallink"),
    ("campaigns", "donationoption"),
]
EDITORS = [
    (app, f"{action}_{model}") for app, model in SNIPPETS for action in ("add", "change", "view")
]
MODERATORS = EDITORS + [(app, f"delete_{model}") for app, model in SNIPPETS] + [
    ("wagtailredirects", f"{action}_redirect") for action in ("add", "change", "delete")
]
GROUPS = {"Editors": EDITORS, "Moderators": MODERATORS}


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    for name, permissions in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in permissions:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, permissions in GROUPS.items():
        group = Group.objects.filter(name=name).first()
        for app_label, codename in permissions if group else []:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_alter_standardpage_body"),
        ("campaigns", "0003_finance_group"),
        ("wagtailcore", "0094_alter_page_locale"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
