"""The Translators group: they translate and publish the Japanese site, nothing else.

The group and its admin permissions come from a data migration (home 0003); its
page permissions are granted here when the Japanese home page is created, and
wagtail_hooks keeps its snippet permissions to Japanese snippets.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from core.translation import TRANSLATORS

# On the Japanese home page, and so on every page of the Japanese tree.
JAPANESE_TREE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def grant_japanese_tree(japanese_home):
    group, _ = Group.objects.get_or_create(name=TRANSLATORS)
    for codename in JAPANESE_TREE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(
            group=group, page=japanese_home, permission=permission
        )
