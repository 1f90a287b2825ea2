"""The index follows every save of a page (publishing saves it live, unpublishing
not live; factories and imports save pages without publishing), and every deletion.
A move saves the moved page; its descendants' paths change in SQL, so their entries'
page facts are copied again (search.entries.refresh_page_facts), as are a news
year's stories' when their year is written in SQL (news.events.stories_refiled)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import post_page_move

from news.events import stories_refiled

from .backend import uses_own_index
from .entries import refresh_page_facts, remove_page, update_page


def page_saved(sender, instance, raw=False, **kwargs):
    if not raw and isinstance(instance, Page):
        update_page(instance)


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        remove_page(instance)


def pages_moved_or_refiled(sender, instance, **kwargs):
    if uses_own_index():
        path = Page.objects.values_list("path", flat=True).get(pk=instance.pk)
        refresh_page_facts(under=path)


def connect_signals():
    post_save.connect(page_saved, dispatch_uid="search-entry-saved")
    post_delete.connect(page_deleted, dispatch_uid="search-entry-deleted")
    post_page_move.connect(pages_moved_or_refiled, dispatch_uid="search-entry-moved")
    stories_refiled.connect(pages_moved_or_refiled, dispatch_uid="search-entry-refiled")
