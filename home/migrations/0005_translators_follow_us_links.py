from django.contrib.auth.management import create_permissions
from django.db import migrations


def let_translators_translate_follow_us_links(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    app_config = apps.get_app_config("home")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    translators, _ = Group.objects.get_or_create(name="Translators")
    for codename in ["add_sociallink", "change_sociallink"]:
        translators.permissions.add(
            Permission.objects.get(content_type__app_label="home", codename=codename)
        )


class Migration(migrations.Migration):
    dependencies = [("home", "0004_sociallink")]

    operations = [
        migrations.RunPython(let_translators_translate_follow_us_links, migrations.RunPython.noop)
    ]
