"""Searching the index: the results page shown and the number of matches in one
ranked query, the pages it names, and the matches per news year in one GROUP BY.
Only the results page shown comes back (ORDER BY ... LIMIT); the database finds the
matches through its index."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction

from news.models import NewsPage

from .entries import store

STORIES = NewsPage._meta.db_table
STORY_ID = NewsPage._meta.pk.column
PAGES = Page._meta.db_table


def in_private_section():
    """A filter of pages under a view restriction (or restricted themselves), in the
    query itself: Wagtail's public() first reads every restriction, a query more."""
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


class SearchResults:
    """The matches of `query` among `visible_pages` (a Page queryset: live, public,
    shown on the visitor's site), as a sequence Django's Paginator pages through.

    `year` keeps the stories of that news year; `by_date` stories only, newest first.
    fetch_page() reads one page of results and the number of matches in one query.
    """

    def __init__(self, query, visible_pages, year=None, by_date=False):
        self.query = query
        self.visible_pages = visible_pages
        self.year = year
        self.by_date = by_date
        self._count = None
        self._fetched = {}  # offset -> (limit, pages)

    def _from_where(self, *, for_years=False, with_pages=False):
        """(FROM ... WHERE ..., params) of the matching entries of visible pages;
        `with_pages` joins their pages (aliased `page`)."""
        tables, condition, params = store().matching(self.query)
        visible_sql, visible_params = (
            self.visible_pages.order_by().values("pk").query.sql_with_params()
        )
        stories_only = self.by_date or self.year is not None or for_years
        # The story's news year and date are read from the story, so moving a story
        # to another year changes nothing in the index.
        sql = (
            f"{tables} {'JOIN' if stories_only else 'LEFT JOIN'} {STORIES} story"
            f" ON story.{STORY_ID} = entry.page_id"
            + (f" JOIN {PAGES} page ON page.id = entry.page_id" if with_pages else "")
            + f" WHERE {condition} AND entry.page_id IN ({visible_sql})"
        )
        params = [*params, *visible_params]
        if self.year is not None and not for_years:
            sql += " AND story.filed_year = %s"
            params.append(self.year)
        return sql, params

    def _sort_value(self):
        """(SQL of the value results are sorted by, its params, the ORDER BY)."""
        if self.by_date:
            return "story.date", [], "sort_value DESC NULLS LAST, page_id DESC"
        rank_sql, params, direction = store().rank(self.query)
        return rank_sql, params, f"sort_value {direction}, page_id DESC"

    def fetch_page(self, offset, limit):
        """Read the results from `offset` and, with them, how many there are.

        The matches are ranked in a CTE, counted and cut outside it: SQLite's bm25()
        works only in the query that matches, never beside a window function."""
        sql, params = self._from_where(with_pages=True)
        sort_value, sort_params, order = self._sort_value()
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH matches AS {store().CTE_MATERIALIZED}("  # noqa: S608
                "SELECT entry.page_id AS page_id, page.content_type_id AS content_type_id,"
                f" {sort_value} AS sort_value FROM {sql})"
                " SELECT page_id, content_type_id, COUNT(*) OVER () FROM matches"
                f" ORDER BY {order} LIMIT %s OFFSET %s",
                [*sort_params, *params, limit, offset],
            )
            rows = cursor.fetchall()
        if rows:
            self._count = rows[0][2]
        elif offset == 0:
            self._count = 0
        pages = specific_pages(rows)
        self._fetched[offset] = (limit, pages)
        return pages

    def count(self):
        if self._count is None:
            sql, params = self._from_where()
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM {sql}", params)  # noqa: S608
                self._count = cursor.fetchone()[0]
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        offset = key.start or 0
        limit = (key.stop if key.stop is not None else self.count()) - offset
        if limit <= 0:
            return []
        fetched_limit, pages = self._fetched.get(offset, (0, []))
        # The paginator asks for fewer on the last page than fetch_page read.
        if limit <= fetched_limit:
            return pages[:limit]
        return self.fetch_page(offset, limit)

    def stories_per_year(self):
        """{news year: number of matching stories}, in one grouped query."""
        if self._count == 0:
            return {}
        sql, params = self._from_where(for_years=True)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT story.filed_year, COUNT(*) FROM {sql} GROUP BY story.filed_year",  # noqa: S608
                params,
            )
            return dict(cursor.fetchall())


def specific_pages(rows):
    """The pages of [(page id, content type id, ...)] as their own types, in order:
    one query per page type, not a first one to learn the types."""
    ids_by_model = {}
    for page_id, content_type_id, *_rest in rows:
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        ids_by_model.setdefault(model, []).append(page_id)
    pages = {}
    for model, page_ids in ids_by_model.items():
        pages.update(model.objects.in_bulk(page_ids))
    return [pages[page_id] for page_id, *_rest in rows if page_id in pages]
