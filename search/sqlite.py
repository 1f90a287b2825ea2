"""The index on SQLite: an FTS5 table of the pages' words (rowid = page id) beside
search_searchentry, ranked as Wagtail's backend ranks (BM25 times 1 + title_norm)."""

from django.db import connection

from .backend import fts5_query

TITLE_NORMS = """
    UPDATE search_searchentry
    SET title_norm = COALESCE(
        (SELECT avg(length(title)) FROM search_entry_text WHERE length(title) > 0)
        / NULLIF((SELECT length(title) FROM search_entry_text
                  WHERE search_entry_text.rowid = search_searchentry.page_id), 0), 1.0)
"""


def write(rows):
    """Add or replace the entries of [(page id, title text, body text)]."""
    remove([page_id for page_id, _title, _body in rows])
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO search_entry_text (rowid, title, body, title_again)"
            " VALUES (%s, %s, %s, %s)",
            [(page_id, title, body, title) for page_id, title, body in rows],
        )
        cursor.executemany(
            "INSERT INTO search_searchentry (page_id, title_norm, path, translation_key,"
            " content_type_id, filed_year)"
            " SELECT page.id, 1.0, page.path, page.translation_key, page.content_type_id,"
            " story.filed_year FROM wagtailcore_page page"
            " LEFT JOIN news_newspage story ON story.page_ptr_id = page.id WHERE page.id = %s",
            [(page_id,) for page_id, _title, _body in rows],
        )


def remove(page_ids):
    page_ids = list(page_ids)
    placeholders = ", ".join(["%s"] * len(page_ids))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM search_entry_text WHERE rowid IN ({placeholders})", page_ids)  # noqa: S608
        cursor.execute(
            f"DELETE FROM search_searchentry WHERE page_id IN ({placeholders})",  # noqa: S608
            page_ids,
        )


def clear():
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_entry_text")
        cursor.execute("DELETE FROM search_searchentry")


def refresh_title_norms(page_ids=None):
    with connection.cursor() as cursor:
        if page_ids is None:
            cursor.execute(TITLE_NORMS)
        else:
            page_ids = list(page_ids)
            placeholders = ", ".join(["%s"] * len(page_ids))
            cursor.execute(TITLE_NORMS + f" WHERE page_id IN ({placeholders})", page_ids)


def matching(query):
    """(tables, condition, params) of the matching entries, aliased `entry`."""
    return (
        "search_entry_text"
        " JOIN search_searchentry entry ON entry.page_id = search_entry_text.rowid",
        "search_entry_text MATCH %s",
        [fts5_query(query)],
    )


def rank(query):
    """The relevance of an entry: BM25 is negative, the lowest first."""
    return "bm25(search_entry_text) * (1 + entry.title_norm)", [], "ASC"
