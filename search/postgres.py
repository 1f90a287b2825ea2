"""The index on PostgreSQL: two weighted tsvectors per page, a GIN index on their
concatenation, and Wagtail's ranking (title rank scaled by title_norm, plus body
rank, with Wagtail's weights)."""

from django.db import connection
from modelsearch.backends.database.postgres.weights import get_sql_weights

from .backend import postgres_tsquery, search_config

# The configuration Wagtail's backend used: SEARCH_CONFIG, else the database's default.
CONFIG = "COALESCE(%s, current_setting('default_text_search_config'))::regconfig"
# Wagtail weighs the title A (its boost, 2) and every other field D.
WRITE = f"""
    INSERT INTO search_searchentry (page_id, title_norm, title_vector, body_vector)
    SELECT texts.page_id, 1.0,
           setweight(to_tsvector({CONFIG}, texts.title), 'A'),
           setweight(to_tsvector({CONFIG}, texts.body), 'D')
    FROM unnest(%s::integer[], %s::text[], %s::text[]) AS texts(page_id, title, body)
    ON CONFLICT (page_id) DO UPDATE
    SET title_vector = EXCLUDED.title_vector, body_vector = EXCLUDED.body_vector
"""  # noqa: S608 (CONFIG is a constant)
# PostgreSQL plans the ranking CTE inline with the query that counts and cuts it.
CTE_MATERIALIZED = ""
TITLE_NORMS = """
    UPDATE search_searchentry
    SET title_norm = COALESCE(
        (SELECT avg(length(title_vector)) FROM search_searchentry WHERE length(title_vector) > 0)
        / NULLIF(length(title_vector), 0), 1.0)
"""


def write(rows):
    """Add or replace the entries of [(page id, title text, body text)]."""
    page_ids, titles, bodies = zip(*rows, strict=True)
    config = search_config()
    with connection.cursor() as cursor:
        cursor.execute(WRITE, [config, config, list(page_ids), list(titles), list(bodies)])


def remove(page_ids):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_searchentry WHERE page_id = ANY(%s)", [list(page_ids)])


def clear():
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE search_searchentry")


def refresh_title_norms(page_ids=None):
    with connection.cursor() as cursor:
        if page_ids is None:
            cursor.execute(TITLE_NORMS)
        else:
            cursor.execute(TITLE_NORMS + " WHERE page_id = ANY(%s)", [list(page_ids)])


def matching(query):
    """(tables, condition, params) of the matching entries, aliased `entry`."""
    tsquery = f"to_tsquery({CONFIG}, %s)"
    return (
        "search_searchentry entry",
        f"(entry.title_vector || entry.body_vector) @@ {tsquery}",
        [search_config(), postgres_tsquery(query)],
    )


def rank(query):
    """The relevance of an entry (higher first), as Wagtail's backend ranks it."""
    tsquery = f"to_tsquery({CONFIG}, %s)"
    weights = get_sql_weights()
    params = [weights, search_config(), postgres_tsquery(query)]
    return (
        f"ts_rank(%s::float4[], entry.title_vector, {tsquery}) * entry.title_norm"
        f" + ts_rank(%s::float4[], entry.body_vector, {tsquery})",
        params + params,
        "DESC",
    )
