"""Searching the index: the matches per news year in one GROUP BY (the year filter
and the number of results), the results page shown in one ranked query (ORDER BY
... LIMIT), and its pages. The database finds the matches through its index."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import BooleanField, Expression, F
from wagtail.models import Page, PageViewRestriction

from core.pages import page_holding, qualified_columns
from news.models import NewsPage

from .entries import store
from .models import SearchEntry

ENTRIES = SearchEntry._meta.db_table
STORIES = NewsPage._meta.db_table
STORY_ID = NewsPage._meta.pk.column
# A search finding more pages than this first ranks the pages whose title holds its
# word, if it is one word (search.postgres.title_matches): ranking is most of the
# work of a common word, and titles are few.
RANK_TITLES_FIRST_FROM = 200


class InPrivateSection(Expression):
    """True for a page under a view restriction (or restricted itself), its tree path
    `path` compared in the query itself (private_section_sql()), to filter with."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, path):
        super().__init__()
        self.path = path

    def get_source_expressions(self):
        return [self.path]

    def set_source_expressions(self, expressions):
        (self.path,) = expressions

    def as_sql(self, compiler, connection):
        path_sql, path_params = compiler.compile(self.path)
        sql, params = private_section_sql(path_sql)
        return sql, [*path_params, *params]


def in_private_section():
    """A filter of pages under a view restriction (or restricted themselves), in the
    query itself: Wagtail's public() first reads every restriction, a query more."""
    return InPrivateSection(F("path"))


def private_section_sql(path_column):
    """(SQL, params) true when the page whose tree path is `path_column` is under a
    view restriction (or restricted itself). SQL of our own: the ORM's compiling of
    the same subquery was a tenth of a search's CPU.

    On PostgreSQL the restricted sections' paths are read once into an array each
    page's path is compared with; as a correlated EXISTS, the restrictions were
    searched again for every page (a third of a common word's count at 100,000
    stories, with none to find)."""
    restricted = (
        f"FROM {PageViewRestriction._meta.db_table} restriction"  # noqa: S608 (constants)
        f" JOIN {Page._meta.db_table} restricted ON restricted.id = restriction.page_id"
    )
    if connection.vendor == "postgresql":
        return f"{path_column} LIKE ANY (ARRAY(SELECT restricted.path || %s {restricted}))", ["%"]
    return (
        f"EXISTS (SELECT 1 {restricted}"
        f" WHERE restricted.path = SUBSTR({path_column}, 1, LENGTH(restricted.path)))",
        [],
    )


def visible_condition(entries):
    """(condition, params) of the SearchEntry queryset `entries`'s WHERE, on the
    matching entries (aliased `entry`): the page facts copied onto each entry
    (search.models) are checked on the row found, with no page joined."""
    query = entries.order_by().query
    if any(alias != ENTRIES and count for alias, count in query.alias_refcount.items()):
        raise ValueError("The visible entries' filter must not join other tables.")
    where = query.where.relabeled_clone({ENTRIES: "entry"})
    return where.as_sql(query.get_compiler(connection=connection), connection)


class SearchResults:
    """The matches of `query` among `visible_entries` (a SearchEntry queryset: the
    entries of the pages shown on the visitor's site, public; entries are of live
    pages only), as a sequence Django's Paginator pages through.

    `year` keeps the stories of that news year; `by_date` stories only, newest first.
    Two queries: one counts the matches per news year (the year filter's counts, and
    summed, the number of results), one reads the results page shown.
    """

    def __init__(self, query, visible_entries, year=None, by_date=False):
        self.query = query
        self.visible_entries = visible_entries
        self.year = year
        self.by_date = by_date
        self._per_year = None
        self._visible_condition = None

    def _from_where(self, *, by_date=False, year=None, match=None):
        """(FROM ... WHERE ..., params) of the matching entries of visible pages; with
        `by_date`, of stories only, with their story (aliased `story`, for its date).
        `match` is another (condition, params) to find them by.

        The page's site, privacy, news year and type are read from the entry itself:
        joining the pages and stories was most of a common word's count at 100,000
        stories (PostgreSQL hashed every page and story for 80,000 matches)."""
        tables, condition, params = store().matching(self.query)
        if match is not None:
            condition, params = match
        if self._visible_condition is None:
            # Compiled once for the count and the results page's one or two queries:
            # compiling the site's filter was a tenth of a search's CPU, each time.
            self._visible_condition = visible_condition(self.visible_entries)
        visible_sql, visible_params = self._visible_condition
        sql = tables
        if by_date:
            sql += f" JOIN {STORIES} story ON story.{STORY_ID} = entry.page_id"
        sql += f" WHERE {condition} AND {visible_sql}"
        params = [*params, *visible_params]
        if year is not None:
            sql += " AND entry.filed_year = %s"
            params.append(year)
        return sql, params

    def matches_per_year(self):
        """{news year, or None for pages that are no story: number of matches}."""
        if self._per_year is None:
            sql, params = self._from_where()
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT entry.filed_year, COUNT(*) FROM {sql} GROUP BY entry.filed_year",  # noqa: S608
                    params,
                )
                self._per_year = dict(cursor.fetchall())
        return self._per_year

    def stories_per_year(self):
        """{news year: number of matching stories}."""
        return {year: n for year, n in self.matches_per_year().items() if year is not None}

    def count(self):
        if self.year is not None:
            return self.matches_per_year().get(self.year, 0)
        if self.by_date:
            return sum(self.stories_per_year().values())
        return sum(self.matches_per_year().values())

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        offset = key.start or 0
        limit = (key.stop if key.stop is not None else self.count()) - offset
        if limit <= 0:
            return []
        if not self.by_date and self.count() > RANK_TITLES_FIRST_FROM:
            rows = self._ranked_title_matches(offset, limit)
            if rows is not None:
                return specific_pages(rows)
        return specific_pages(self._ranked(offset, limit))

    def _ranked(self, offset, limit, match=None):
        """[(page id, content type id, sort value)] of the results from `offset`."""
        sql, params = self._from_where(by_date=self.by_date, year=self.year, match=match)
        if self.by_date:
            sort_value, sort_params = "story.date", []
            order = "story.date DESC NULLS LAST, entry.page_id DESC"
        else:
            sort_value, sort_params, direction = store().rank(self.query)
            order = f"sort_value {direction}, entry.page_id DESC"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT entry.page_id, entry.content_type_id, {sort_value} AS sort_value"  # noqa: S608
                f" FROM {sql} ORDER BY {order} LIMIT %s OFFSET %s",
                [*sort_params, *params, limit, offset],
            )
            return cursor.fetchall()

    def _ranked_title_matches(self, offset, limit):
        """The results from `offset` ranked among the pages whose title holds the
        word, when that is sure to give the same (search.postgres.title_matches);
        None otherwise.

        Only their titles are ranked first (small vectors, read in place); a body,
        whose rank adds less than highest_body_rank(), is ranked only for the titles
        ranked within that of the last result asked for: a title ranked lower cannot
        overtake it. A common word is in thousands of titles, and reading their
        bodies was most of the search's time."""
        title_matches = getattr(store(), "title_matches", None)
        if title_matches is None:
            return None
        sql, params = self._from_where(year=self.year, match=title_matches(self.query))
        title_rank, title_params = store().title_rank(self.query)
        body_rank, body_params = store().body_rank(self.query)
        highest_body_rank = store().highest_body_rank()
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH titles AS MATERIALIZED (
                    SELECT entry.page_id, entry.content_type_id,
                           {title_rank} AS title_rank
                    FROM {sql}
                ), lowest AS (
                    SELECT title_rank - %s AS title_rank FROM titles
                    ORDER BY title_rank DESC LIMIT 1 OFFSET %s
                )
                SELECT titles.page_id, titles.content_type_id,
                       titles.title_rank + {body_rank} AS sort_value
                FROM titles JOIN search_searchentry entry ON entry.page_id = titles.page_id
                WHERE titles.title_rank >= (SELECT title_rank FROM lowest)
                ORDER BY sort_value DESC, titles.page_id DESC LIMIT %s OFFSET %s
                """,  # noqa: S608 (the SQL is the index's own; values are parameters)
                [
                    *title_params,
                    *params,
                    highest_body_rank,
                    offset + limit - 1,
                    *body_params,
                    limit,
                    offset,
                ],
            )
            rows = cursor.fetchall()
        if len(rows) == limit and rows[-1][2] > highest_body_rank:
            return rows
        return None


def specific_pages(rows):
    """The pages of [(page id, content type id, ...)] as their own types, in order:
    one query per page type, not a first one to learn the types."""
    ids_by_model = {}
    for page_id, content_type_id, *_rest in rows:
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        ids_by_model.setdefault(model, []).append(page_id)
    pages = {}
    for model, page_ids in ids_by_model.items():
        pages.update(pages_by_id(model, page_ids))
    return [pages[page_id] for page_id, *_rest in rows if page_id in pages]


def pages_by_id(model, page_ids):
    """{id: page} of `model`'s pages of `page_ids`, every field read, as the ORM's
    in_bulk() gives them. SQL of our own: compiling in_bulk()'s query was a tenth of
    a search's CPU, once for each page type among the results."""
    fields = model._meta.concrete_fields
    pages_table = Page._meta.db_table
    tables = [
        ancestor._meta
        for ancestor in {field.model for field in fields}
        if ancestor._meta.db_table != pages_table
    ]
    joins = "".join(
        f' JOIN {meta.db_table} ON {meta.db_table}."{meta.pk.column}" = {pages_table}."id"'
        for meta in tables
    )
    placeholders = ", ".join(["%s"] * len(page_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {qualified_columns(fields)} FROM {pages_table}{joins}"  # noqa: S608 (constants)
            f' WHERE {pages_table}."id" IN ({placeholders})',
            page_ids,
        )
        rows = cursor.fetchall()
    names = [field.attname for field in fields]
    return {
        page.pk: page
        for page in (page_holding(model, dict(zip(names, row, strict=True))) for row in rows)
    }
