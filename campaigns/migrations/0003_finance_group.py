from django.contrib.auth.management import create_permissions
from django.db import migrations

FINANCE = "Finance"
PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("campaigns", "add_donation"),
    ("campaigns", "change_donation"),
    ("campaigns", "delete_donation"),
    ("campaigns", "view_donation"),
    ("campaigns", "view_donor_name"),
]


def create_finance_group(apps, schema_editor):
    """The Finance team records gifts and is the only group that sees donors' names."""
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    finance, _ = Group.objects.get_or_create(name=FINANCE)
    for app_label, codename in PERMISSIONS:
        finance.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def remove_finance_group(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name=FINANCE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0002_campaignindexpage_donationoption_kind_and_more"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
    ]

    operations = [migrations.RunPython(create_finance_group, remove_finance_group)]
