"""Stories as the site links them: the listings (a news year's pages, the home page's
latest news, the feeds), and at the foot of a story its neighbours (the stories just
newer and older in the listings) and its related stories.

Each is one query of SQL written here, not built by the ORM: building and compiling
the ORM's version of the story page's nested queries cost half of its CPU, more than
the rest of the page (issue 16). The filter of the stories a site shows (`shown_on`:
live, public, in the site's language tree or untranslated) is still the ORM's,
compiled once per home page and content version.

The stories come back as NewsPage objects holding only LINK_FIELDS; reading any other
field would cost a query (the query budget tests notice).
"""

import json
from datetime import date
from typing import NamedTuple

from django.db import connection

from core.memory import remembered
from core.pages import page_holding, qualified_columns, translation_key_value

STORIES = "news_newspage"
PAGES = "wagtailcore_page"
FROM = f'{STORIES} INNER JOIN {PAGES} ON ({STORIES}."page_ptr_id" = {PAGES}."id")'
# What a link to a story, or its item in a listing or feed, shows: its title, address,
# date, summary and photo, in which language.
LINK_FIELDS = {
    "id",
    "page_ptr_id",
    "path",
    "depth",
    "url_path",
    "title",
    "locale_id",
    "translation_key",
    "first_published_at",
    "last_published_at",
    "date",
    "filed_year",
    "summary",
    "lead_image_id",
    "lead_image_alt",
}
# The listings' order (NewsPageQuerySet.newest_first), newest first, and reversed; on
# PostgreSQL the first is the listing-order index (news 0008).
NEWEST_FIRST = (
    f'{STORIES}."filed_year" DESC, {STORIES}."date" DESC NULLS LAST, {STORIES}."page_ptr_id" DESC'
)
OLDEST_FIRST = (
    f'{STORIES}."filed_year" ASC, {STORIES}."date" ASC NULLS FIRST, {STORIES}."page_ptr_id" ASC'
)

# The stories given one topic (its tag's id the parameter).
ON_TOPIC = (
    f'{STORIES}."page_ptr_id" IN'  # noqa: S608 (constants; the tag's id is a parameter)
    ' (SELECT "content_object_id" FROM news_newspagetopic WHERE "tag_id" = %s)'
)


def link_columns(model):
    """The story's fields a link needs, as (attnames, SQL columns)."""
    fields = [field for field in model._meta.concrete_fields if field.attname in LINK_FIELDS]
    return [field.attname for field in fields], qualified_columns(fields)


def shown_on(home):
    """(SQL condition, params) of the stories `home`'s visitors read, on FROM's tables."""
    from news.models import NewsPage

    def compile_condition():
        query = NewsPage.objects.shown_on(home, listing=True).query
        sql, params = query.get_compiler(connection=connection).compile(query.where)
        return sql or "1 = 1", params  # nothing left to filter compiles to nothing

    return remembered(("stories-shown-sql", home.pk), compile_condition)


def topics_column(story_id_column):
    """SQL of a column holding a story's topics as a JSON list of [name, slug], in the
    order they were given: read with the story, not by a query of their own.
    `story_id_column` is a column's name, never a value."""
    topics = (
        "SELECT tag.name, tag.slug, tagged.id AS given"  # noqa: S608 (constants)
        " FROM news_newspagetopic tagged INNER JOIN taggit_tag tag ON tag.id = tagged.tag_id"
        f" WHERE tagged.content_object_id = {story_id_column}"
    )
    if connection.vendor == "postgresql":
        return (
            "(SELECT json_agg(json_build_array(topic.name, topic.slug)"  # noqa: S608
            f" ORDER BY topic.given) FROM ({topics}) AS topic)"
        )
    return (
        "(SELECT json_group_array(json_array(topic.name, topic.slug))"  # noqa: S608
        f" FROM ({topics} ORDER BY given) AS topic)"
    )


def topics_from_column(value):
    """[(name, slug)] from topics_column's value (JSON text on SQLite, a list on
    PostgreSQL, NULL there for none)."""
    if isinstance(value, str):
        value = json.loads(value)
    return [(name, slug) for name, slug in value or []]


class Part(NamedTuple):
    """Stories of one kind, read in one order: what `read_stories` unites."""

    condition: str
    params: list
    order: str
    limit: int
    tag: str = ""
    offset: int = 0


def read_stories(model, parts):
    """The stories of `parts` (each a Part) in one query: [(tag, story)], in no
    particular order between parts."""
    field_names, columns = link_columns(model)
    selects, params = [], []
    for number, part in enumerate(parts):
        selects.append(
            f"SELECT * FROM (SELECT {columns}, {number} AS part FROM {FROM}"  # noqa: S608
            f" WHERE {part.condition} ORDER BY {part.order}"
            f" LIMIT {int(part.limit)} OFFSET {int(part.offset)}) AS part_{number}"
        )
        params += part.params
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        rows = cursor.fetchall()
    return [
        (parts[row[-1]].tag, page_holding(model, dict(zip(field_names, row, strict=False))))
        for row in rows
    ]


def listed(home, *, year=None, topic_id=None, offset=0, limit, from_oldest=False):
    """The stories `home`'s visitors read, of a news year, of a topic or all, in the
    listings' order: `limit` of them from `offset`, counted from the newest, or from
    the oldest when `from_oldest`."""
    from news.models import NewsPage

    condition, params = shown_on(home)
    if year is not None:
        condition, params = f'({condition}) AND {STORIES}."filed_year" = %s', [*params, year]
    order = OLDEST_FIRST if from_oldest else NEWEST_FIRST
    if topic_id is not None:
        condition, params = f"({condition}) AND {ON_TOPIC}", [*params, topic_id]
        if offset:
            # A topic's stories are spread over the years: the database sorts them all
            # to step over those before the page. Sorting their ids, then reading the
            # page's twenty, was a third of the time of sorting whole rows (issue 16).
            condition = (
                f'{STORIES}."page_ptr_id" IN (SELECT {STORIES}."page_ptr_id" FROM {FROM}'  # noqa: S608
                f" WHERE {condition} ORDER BY {order} LIMIT {int(limit)} OFFSET {int(offset)})"
            )
            offset = 0
    part = Part(condition, params, order, limit, offset=offset)
    stories = [page for _tag, page in read_stories(NewsPage, [part])]
    # The order of the part's ORDER BY, which SQL does not promise to keep outside it.
    stories.sort(key=newest_first, reverse=True)
    return stories


def newest_first(story):
    """A story's place in the listings' order (NEWEST_FIRST), as a tuple: larger is newer."""
    return (story.filed_year or 0, story.date is not None, story.date or date.min, story.pk)


def date_param(day):
    return connection.ops.adapt_datefield_value(day)


def year_condition(home, year):
    shown, params = shown_on(home)
    return f'({shown}) AND {STORIES}."filed_year" = %s', [*params, year]


def neighbours(story, home, years_with_stories):
    """(older, newer): the stories just after and before `story` in the listings of
    `home`'s site, any year: this story's year first, then the next year with stories
    (`years_with_stories`).

    Each direction is a list of parts, nearest first, each read in the listing order
    (`Part`). The nearest part of both directions is one query; the farther parts
    only for a direction where it found nothing, the first or last story of its
    year: a second query. Each part costs the database more to plan than to run
    (0.3-0.6 ms), so most stories ask for two parts, not five (issue 16)."""
    if story.filed_year is None:
        return None, None
    condition, params = year_condition(home, story.filed_year)
    older = [
        Part(f"{condition} AND {after}", [*params, *after_params], NEWEST_FIRST, 1, "older")
        for after, after_params in listed_after(story)
    ]
    newer = [
        Part(f"{condition} AND {before}", [*params, *before_params], OLDEST_FIRST, 1, "newer")
        for before, before_params in listed_before(story)
    ]
    older_years = [year for year in years_with_stories if year < story.filed_year]
    newer_years = [year for year in years_with_stories if year > story.filed_year]
    if older_years:
        older.append(Part(*year_condition(home, max(older_years)), NEWEST_FIRST, 1, "older"))
    if newer_years:
        newer.append(Part(*year_condition(home, min(newer_years)), OLDEST_FIRST, 1, "newer"))
    found = read_stories(type(story), [*older[:1], *newer[:1]])
    directions = {tag for tag, _page in found}
    farther = [
        *(older[1:] if "older" not in directions else []),
        *(newer[1:] if "newer" not in directions else []),
    ]
    if farther:
        found += read_stories(type(story), farther)
    older_found = [page for tag, page in found if tag == "older"]
    newer_found = [page for tag, page in found if tag == "newer"]
    # Parts read nearest first: the nearest found in each direction is its neighbour.
    return (
        max(older_found, key=newest_first, default=None),
        min(newer_found, key=newest_first, default=None),
    )


# The stories of a story's year listed after (older) or before (newer) it, as
# conditions that each read the listing-order index from the story's place: a row
# comparison of (date, id) is a range of that index, where the same condition
# written with OR made the database read the year from its start (issue 16).
DATED, PK = f'{STORIES}."date"', f'{STORIES}."page_ptr_id"'


def listed_after(story):
    """[(SQL, params)] of the stories of its year listed after `story` (older)."""
    if story.date is None:  # the undated come last in their year, latest added first
        return [(f"{DATED} IS NULL AND {PK} < %s", [story.pk])]
    day = date_param(story.date)
    return [(f"({DATED}, {PK}) < (%s, %s)", [day, story.pk]), (f"{DATED} IS NULL", [])]


def listed_before(story):
    """[(SQL, params)] of the stories of its year listed before `story` (newer)."""
    if story.date is None:
        return [(f"{DATED} IS NULL AND {PK} > %s", [story.pk]), (f"{DATED} IS NOT NULL", [])]
    day = date_param(story.date)
    return [(f"({DATED}, {PK}) > (%s, %s)", [day, story.pk])]


def related(story, home, count, candidates):
    """Up to `count` other stories of `home`'s site: those sharing a topic with `story`
    first, then the newest of its year, each in the listing order.

    Topics are compared across translations (by translation key): a Japanese story
    relates to an untranslated English one on the same topic, and a translation whose
    topics were never copied still finds its original's. Only the stories last given
    the story's topics are weighed (`candidates` of them): the query reads as many
    rows in an archive of 100,000 stories as in one of 100."""
    shown, params = shown_on(home)
    key = translation_key_value(story.translation_key)
    others = f'({shown}) AND {PAGES}."translation_key" <> %s'
    on_its_topics = (  # constants only: the values are params
        f'{others} AND {PAGES}."translation_key" IN ('  # noqa: S608
        f'SELECT tagged_page."translation_key" FROM news_newspagetopic tagged'
        f' INNER JOIN {PAGES} tagged_page ON tagged_page."id" = tagged."content_object_id"'
        f' WHERE tagged."tag_id" IN ('
        f'SELECT topic."tag_id" FROM news_newspagetopic topic'
        f' INNER JOIN {PAGES} topic_page ON topic_page."id" = topic."content_object_id"'
        f' WHERE topic_page."translation_key" = %s)'
        f' AND tagged_page."translation_key" <> %s'
        f' ORDER BY tagged."content_object_id" DESC LIMIT {int(candidates)})'
    )
    of_its_year = f'{others} AND {STORIES}."filed_year" = %s'
    found = read_stories(
        type(story),
        [
            Part(on_its_topics, [*params, key, key, key], NEWEST_FIRST, count, "topic"),
            Part(of_its_year, [*params, key, story.filed_year], NEWEST_FIRST, count, "year"),
        ],
    )
    # On its topics first, each part newest first; a story in both parts once.
    found.sort(key=lambda tagged: (tagged[0] == "topic", newest_first(tagged[1])), reverse=True)
    chosen = {}
    for _tag, page in found:
        chosen.setdefault(page.pk, page)
    return list(chosen.values())[:count]


class Listing:
    """The stories of `home`'s site listed on one page type (a news year's, `year`, or a
    topic's, `topic_id`), as the sequence Django's Paginator pages through: each page
    is one query (`listed`), the count is known (remembered per content version).

    A page in the older half is read from the oldest end: the database steps over the
    stories before a page one by one (OFFSET), so the last page of a year of 5,000
    stories cost as much as reading them all (issue 16); now no page steps over more
    than half."""

    def __init__(self, home, count, prepare=lambda stories: None, *, year=None, topic_id=None):
        self.home, self._count, self.prepare = home, count, prepare
        self.which = {"year": year, "topic_id": topic_id}

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, items):
        if not isinstance(items, slice) or items.step is not None:
            raise TypeError("A listing's stories are read a page at a time.")
        start, stop = items.start or 0, min(items.stop or self._count, self._count)
        limit = max(stop - start, 0)
        if start > self._count - stop:
            offset = self._count - stop
            stories = listed(self.home, **self.which, offset=offset, limit=limit, from_oldest=True)
        else:
            stories = listed(self.home, **self.which, offset=start, limit=limit)
        self.prepare(stories)
        return stories
