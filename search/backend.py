"""Whether the site search uses this index, and the words it is given.

The index answers only for Wagtail's database backend on PostgreSQL or SQLite (with
FTS5): configured for OpenSearch or Elasticsearch (SEARCH_URL), or on another
database, the site searches with Wagtail's backend as before.
"""

import re
from functools import cache

from django.conf import settings
from django.db import connection

from core.cjk import cjk_query, has_cjk

DATABASE_BACKENDS = {
    "wagtail.search.backends.database",
    "modelsearch.backends.database",
}


def fts5_available(database=connection):
    with database.cursor() as cursor:
        cursor.execute("PRAGMA compile_options")
        return any(option == "ENABLE_FTS5" for (option,) in cursor.fetchall())


def search_config():
    """The text search configuration Wagtail's backend is given (SEARCH_CONFIG), else
    the database's default: the index stems words as Wagtail's backend did. Named,
    not looked up in every query: PostgreSQL then turns the query into a tsquery once,
    not once per row it checks."""
    return settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG") or _default_config(
        connection.alias, str(connection.settings_dict["NAME"])
    )


@cache
def _default_config(alias, name):
    from django.db import connections

    with connections[alias].cursor() as cursor:
        cursor.execute("SHOW default_text_search_config")
        return cursor.fetchone()[0]


def uses_own_index(database=connection):
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    if backend not in DATABASE_BACKENDS:
        return False
    if database.vendor == "postgresql":
        return True
    return database.vendor == "sqlite" and _sqlite_has_index(
        database.alias, str(database.settings_dict["NAME"])
    )


@cache
def _sqlite_has_index(alias, name):
    """Asked once per database, not on every search (the table comes with migrate,
    so it is missing only where SQLite lacks FTS5)."""
    from django.db import connections

    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_entry_text'")
        return cursor.fetchone() is not None


def query_words(query):
    """The query as Wagtail's backend reads it: CJK text as the pieces the index
    holds (core/cjk.py); every word must be found."""
    return cjk_query(query) if has_cjk(query) else query


def postgres_tsquery(query):
    """Wagtail's raw tsquery text: each term quoted, all of them required. PostgreSQL
    splits terms at spaces and hyphens."""
    terms = [term for term in re.split(r"[\s\-]+", query_words(query)) if term]
    quoted = ["'{}'".format(term.replace("'", "''").replace("\\", "\\\\")) for term in terms]
    return " & ".join(quoted)


def fts5_query(query):
    """An FTS5 query of the terms as phrases, all of them required, in the title and
    body. A double quote is doubled, so it is searched for, not a syntax error."""
    terms = query_words(query).split()
    phrases = ['"{}"'.format(term.replace('"', '""')) for term in terms]
    return "{title body} : (" + " AND ".join(phrases) + ")"
