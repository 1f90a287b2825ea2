"""The index follows every save of a page (publishing saves it live, unpublishing
not live; factories and imports save pages without publishing), and every deletion.
A move changes no entry: the tree and the news year are read when searching."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page

from .entries import remove_page, update_page


def page_saved(sender, instance, raw=False, **kwargs):
    if not raw and isinstance(instance, Page):
        update_page(instance)


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        remove_page(instance)


def connect_signals():
    post_save.connect(page_saved, dispatch_uid="search-entry-saved")
    post_delete.connect(page_deleted, dispatch_uid="search-entry-deleted")
