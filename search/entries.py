"""Keeping the index in step with the live pages: one page at a time as pages are
saved, unpublished or deleted (search/signals.py), or all at once
(`manage.py update_search_entries`)."""

from itertools import islice

from django.db import connection, transaction
from wagtail.models import Page

from . import postgres, sqlite
from .backend import uses_own_index
from .texts import page_texts

BATCH_SIZE = 500

# The page's facts a search reads from its entry (search.models.SearchEntry), copied
# from the page and its story: written with the entry (each store's write), copied
# again here after changes made in SQL (search.signals) and by the migration adding
# them. Row values in SET: PostgreSQL and SQLite (3.15+).
PAGE_FACTS = """
    UPDATE search_searchentry
    SET (path, translation_key, content_type_id, filed_year) = (
        SELECT page.path, page.translation_key, page.content_type_id, story.filed_year
        FROM wagtailcore_page page LEFT JOIN news_newspage story ON story.page_ptr_id = page.id
        WHERE page.id = search_searchentry.page_id
    )
"""


def store():
    """The module that writes and matches the index on this database."""
    return postgres if connection.vendor == "postgresql" else sqlite


def indexed_pages():
    """Every live page below the tree's root. Privacy is checked when searching,
    so making a page private or public again changes no entry."""
    return Page.objects.live().filter(depth__gt=1)


def batches(iterable, size):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def refresh_page_facts(under=None, using=None):
    """Copy the page facts onto the entries of the pages whose path starts with
    `under` (a page and its descendants, after a move or a year corrected), or onto
    every entry."""
    sql, params = PAGE_FACTS, []
    if under is not None:
        sql += " WHERE page_id IN (SELECT id FROM wagtailcore_page WHERE path LIKE %s)"
        params = [under + "%"]
    with (using or connection).cursor() as cursor:
        cursor.execute(sql, params)


def rebuild():
    """Index every live page again; returns how many. Text is read page by page
    (StreamField bodies need Python); it is written and weighed in batches."""
    if not uses_own_index():
        return 0
    writer = store()
    count = 0
    with transaction.atomic():
        writer.clear()
        pages = indexed_pages().order_by("path").specific().iterator(chunk_size=BATCH_SIZE)
        for batch in batches(pages, BATCH_SIZE):
            writer.write([(page.pk, *page_texts(page)) for page in batch])
            count += len(batch)
        writer.refresh_title_norms()
    return count


def update_page(page):
    """Index a page saved live; drop it when it is not live (any more)."""
    if not uses_own_index():
        return
    writer = store()
    if page.live and page.depth and page.depth > 1:
        specific = page if type(page) is page.specific_class else page.specific
        writer.write([(page.pk, *page_texts(specific))])
        writer.refresh_title_norms([page.pk])
    else:
        writer.remove([page.pk])


def remove_page(page):
    if uses_own_index():
        store().remove([page.pk])
