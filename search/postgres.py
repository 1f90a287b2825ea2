"""The index on PostgreSQL: two weighted tsvectors per page, a GIN index on their
concatenation, and Wagtail's ranking (title rank scaled by title_norm, plus body
rank, with Wagtail's weights)."""

from django.db import connection
from modelsearch.backends.database.postgres.weights import get_sql_weights

from .backend import postgres_tsquery, search_config

# The configuration Wagtail's backend used (search.backend.search_config).
CONFIG = "%s::regconfig"
# Wagtail weighs the title A (its boost, 2) and every other field D.
# The page's facts (search.entries.PAGE_FACTS) are read in the same statement: an
# UPDATE after would write every row twice, and the count reads the dead rows too.
WRITE = f"""
    INSERT INTO search_searchentry (page_id, title_norm, title_vector, body_vector, vector,
                                    path, translation_key, content_type_id, filed_year)
    SELECT page_id, 1.0, title_vector, body_vector, strip(title_vector || body_vector),
           page.path, page.translation_key, page.content_type_id, story.filed_year
    FROM (
        SELECT texts.page_id,
               setweight(to_tsvector({CONFIG}, texts.title), 'A') AS title_vector,
               setweight(to_tsvector({CONFIG}, texts.body), 'D') AS body_vector
        FROM unnest(%s::integer[], %s::text[], %s::text[]) AS texts(page_id, title, body)
    ) AS vectors
    JOIN wagtailcore_page page ON page.id = vectors.page_id
    LEFT JOIN news_newspage story ON story.page_ptr_id = vectors.page_id
    ON CONFLICT (page_id) DO UPDATE
    SET title_vector = EXCLUDED.title_vector, body_vector = EXCLUDED.body_vector,
        vector = EXCLUDED.vector, path = EXCLUDED.path,
        translation_key = EXCLUDED.translation_key,
        content_type_id = EXCLUDED.content_type_id, filed_year = EXCLUDED.filed_year
"""  # noqa: S608 (CONFIG is a constant)
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
    # DELETE, not TRUNCATE: pages saved earlier in the same transaction (an import)
    # leave deferred foreign-key checks pending, and TRUNCATE refuses to run then.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_searchentry")


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
        f"entry.vector @@ {tsquery}",
        [search_config(), postgres_tsquery(query)],
    )


def title_matches(query):
    """(condition, params) of entries whose title holds the query, a single word.

    For one word, ts_rank of a body weighted D stays below BODY_RANK_LIMIT times
    that weight (its sum of weight / n², n = 1, 2 ..., over pi² / 6, plus the
    heaviest weight once), while a title holding the word ranks at least its A
    weight (1) over pi² / 6, times its norm: hundreds of times more. So when enough
    titles hold the word, the page of results is found among them, and only they
    are ranked (search/results.py checks the limit on each page it reads)."""
    tsquery = f"to_tsquery({CONFIG}, %s)"
    config, words = search_config(), postgres_tsquery(query)
    return (
        f"numnode({tsquery}) = 1 AND entry.title_vector @@ {tsquery}",
        [config, words, config, words],
    )


# sum(1 / n²) / (pi² / 6) <= 1, plus the heaviest weight once (tsrank.c calc_rank_or).
BODY_RANK_LIMIT = 1 + 1 / 1.64493406685


def highest_body_rank():
    """What no page's body alone can reach for a one-word query (see title_matches)."""
    body_weight = float(get_sql_weights().strip("{}").split(",")[0])  # D, the lowest
    return BODY_RANK_LIMIT * body_weight


def title_rank(query):
    """(expression, params) of an entry's title rank, scaled by its norm."""
    tsquery = f"to_tsquery({CONFIG}, %s)"
    return (
        f"ts_rank(%s::float4[], entry.title_vector, {tsquery}) * entry.title_norm",
        [get_sql_weights(), search_config(), postgres_tsquery(query)],
    )


def body_rank(query):
    """(expression, params) of an entry's body rank: the costly part, a body's vector
    is large and read from TOAST storage."""
    tsquery = f"to_tsquery({CONFIG}, %s)"
    return (
        f"ts_rank(%s::float4[], entry.body_vector, {tsquery})",
        [get_sql_weights(), search_config(), postgres_tsquery(query)],
    )


def rank(query):
    """The relevance of an entry (higher first), as Wagtail's backend ranks it."""
    (title, title_params), (body, body_params) = title_rank(query), body_rank(query)
    return f"{title} + {body}", [*title_params, *body_params], "DESC"
