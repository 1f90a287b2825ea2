from django.db import migrations

# Editors upload photos and documents and choose them for pages; replacing, cropping
# or deleting one that pages use is the Moderators' (core/uploads.py).
REPLACING = [
    ("wagtailimages", "change_image"),
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "delete_document"),
]


def editors_and_replacing(apps):
    Permission = apps.get_model("auth.Permission")
    editors = apps.get_model("auth.Group").objects.filter(name="Editors").first()
    replacing = [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in REPLACING
    ]
    return editors, replacing


def revoke(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    editors, replacing = editors_and_replacing(apps)
    GroupCollectionPermission.objects.filter(group=editors, permission__in=replacing).delete()


def grant(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    editors, replacing = editors_and_replacing(apps)
    Collection = apps.get_model("wagtailcore.Collection")
    root = Collection.objects.filter(depth=1).first()
    for permission in replacing if editors and root else []:
        GroupCollectionPermission.objects.get_or_create(
            group=editors, collection=root, permission=permission
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0009_standardpage_block_help"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(revoke, grant)]
