"""The site search stays fast as the archive grows: a few queries per search,
whatever the number of stories and news years; nothing written while searching;
and its index follows publishing, unpublishing, privacy and deletion."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

MOST_QUERIES = 10


@pytest.fixture(autouse=True)
def fragments_cached(settings):
    """As deployed: the header, menu and footer come from the cache (core/cache.py),
    so the queries counted are the search's own."""
    settings.FRAGMENT_CACHE_SECONDS = 3600


def add_stories(home, years, per_year, title="Refugees rescued in {year}, story {number}"):
    for year in years:
        news_year = NewsIndexPageFactory(parent=home, year=year)
        for number in range(per_year):
            NewsPageFactory(
                parent=news_year,
                title=title.format(year=year, number=number),
                date=datetime.date(year, 1 + number % 12, 1),
                summary="Refugees hiding in China were brought to safety.",
            )


def queries_of(client, **params):
    client.get("/en/search/", params)  # fills the cache of the page's fragments
    with CaptureQueriesContext(connection) as context:
        response = client.get("/en/search/", params)
    assert response.status_code == 200
    # The savepoint a test's transaction gives the search's atomic block is no query
    # of the search's own (outside a test, it begins and commits the transaction).
    return [query["sql"] for query in context.captured_queries if "SAVEPOINT" not in query["sql"]]


def queries_of_search(client, **params):
    """The queries of a search beyond those of the same page without one (the
    layout every page shares: the home page, address, Donate button)."""
    searched = queries_of(client, **params)
    layout = queries_of(client)
    return searched[: len(searched) - len(layout)] if len(layout) < len(searched) else searched


def test_a_search_takes_the_same_few_queries_for_10_or_60_stories(client, home):
    add_stories(home, [2013, 2014], 5)
    few = queries_of(client, q="refugees")
    add_stories(home, range(2002, 2012), 5)
    many = queries_of(client, q="refugees")
    assert len(many) == len(few), "\n".join(sql[:150] for sql in many)
    own = queries_of_search(client, q="refugees")
    assert len(own) <= MOST_QUERIES, "\n".join(sql[:150] for sql in own)


def test_a_search_of_one_year_newest_first_takes_as_few_queries(client, home):
    add_stories(home, [2012, 2013, 2014], 4)
    queries = queries_of_search(client, q="refugees", year=2013, order="date")
    assert len(queries) <= MOST_QUERIES, "\n".join(sql[:150] for sql in queries)


def test_the_year_filter_is_counted_in_one_query_however_many_years(client, home):
    add_stories(home, range(2002, 2015), 2)
    html = client.get("/en/search/", {"q": "refugees"}).content.decode()
    assert "2002 (2)" in html and "2014 (2)" in html
    queries = queries_of(client, q="refugees")
    assert len([sql for sql in queries if "GROUP BY" in sql.upper()]) == 1


def test_the_year_filter_is_counted_from_the_index_alone(client, home):
    """The count of a common word's matches is read from the entries, which hold
    their page's path and news year (search.models.SearchEntry): joining every
    matching page and story was most of its time at 100,000 stories."""
    add_stories(home, [2013, 2014], 2)
    queries = queries_of(client, q="refugees")
    (count,) = [sql for sql in queries if "GROUP BY" in sql.upper()]
    joined = re.findall(r"JOIN\s+\"?(\w+)", count)
    # The restricted sections' paths are read with their pages, once (in an array).
    assert "news_newspage" not in joined and joined.count("wagtailcore_page") <= 1, count


def test_searching_writes_nothing(client, home):
    """A search is a GET: no hit counted, no query logged, nothing written at all."""
    add_stories(home, [2014], 3)
    with CaptureQueriesContext(connection) as context:
        assert client.get("/en/search/", {"q": "refugees"}).status_code == 200
        assert client.get("/en/search/", {"q": "a new query"}).status_code == 200
    writes = [
        query["sql"]
        for query in context.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


def found(client, word, language="en"):
    return client.get(f"/{language}/search/", {"q": word}).content.decode()


@pytest.fixture
def news_year(home):
    return NewsIndexPageFactory(parent=home, year=2014)


def test_a_story_is_found_once_published_and_not_after_unpublishing(client, news_year):
    story = NewsPageFactory(parent=news_year, title="Kaesong factory closes", live=False)
    assert "Kaesong factory closes" not in found(client, "Kaesong")
    story.save_revision().publish()
    assert "Kaesong factory closes" in found(client, "Kaesong")
    story.refresh_from_db()
    story.unpublish()
    assert "Kaesong factory closes" not in found(client, "Kaesong")


def test_a_republished_story_is_found_by_its_new_words(client, news_year):
    story = NewsPageFactory(parent=news_year, title="Kaesong factory closes", publish=True)
    story.title = "Kaesong factory reopens after Hamhung talks"
    story.save_revision().publish()
    assert "Kaesong factory reopens" in found(client, "Hamhung")


def test_a_private_story_is_not_found_until_it_is_public_again(client, news_year):
    story = NewsPageFactory(parent=news_year, title="Kaesong factory closes", publish=True)
    restriction = PageViewRestriction.objects.create(
        page=story, restriction_type="password", password="x"
    )
    assert "Kaesong factory closes" not in found(client, "Kaesong")
    restriction.delete()
    assert "Kaesong factory closes" in found(client, "Kaesong")


def test_the_stories_of_a_private_section_are_not_found_nor_counted(client, home, news_year):
    """A restriction on a year hides its stories too: each page's path is compared
    with the restricted sections' (search.results.in_private_section)."""
    NewsPageFactory(parent=news_year, title="Kaesong factory closes", publish=True)
    other_year = NewsIndexPageFactory(parent=home, year=news_year.year + 1)
    NewsPageFactory(parent=other_year, title="Kaesong factory reopens", publish=True)
    PageViewRestriction.objects.create(page=news_year, restriction_type="password", password="x")
    html = found(client, "Kaesong")
    assert "Kaesong factory reopens" in html
    assert "Kaesong factory closes" not in html and "1 result" in html


def test_a_deleted_story_is_not_found(client, news_year):
    story = NewsPageFactory(parent=news_year, title="Kaesong factory closes", publish=True)
    story.delete()
    assert "0 results" in found(client, "Kaesong")


def test_a_story_moved_to_another_year_is_counted_in_that_year(client, home, news_year):
    story = NewsPageFactory(parent=news_year, title="Kaesong factory closes", publish=True)
    other_year = NewsIndexPageFactory(parent=home, year=2013)
    story.move(other_year, pos="last-child")
    html = client.get("/en/search/", {"q": "Kaesong", "year": 2013}).content.decode()
    assert "Kaesong factory closes" in html


def test_update_search_entries_finds_pages_changed_behind_wagtails_back(client, news_year):
    """Pages written with SQL (the benchmark's generated sites) are found once the
    index is rebuilt."""
    from search.models import SearchEntry

    story = NewsPageFactory(parent=news_year, title="Kaesong factory closes", publish=True)
    type(story).objects.filter(pk=story.pk).update(title="Sinuiju market reopens")
    assert "Sinuiju market reopens" not in found(client, "Sinuiju")
    call_command("update_search_entries", stdout=None)
    assert "Sinuiju market reopens" in found(client, "Sinuiju")
    assert SearchEntry.objects.filter(page=story).exists()


def test_the_stories_of_a_year_moved_into_a_private_section_are_not_found(client, home, news_year):
    """Moving a page changes its descendants' paths in SQL, with no save: their
    entries' copied paths follow (search.signals), so privacy still holds."""
    NewsPageFactory(parent=news_year, title="Kaesong factory closes", publish=True)
    archive = NewsIndexPageFactory(parent=home, year=1999)
    PageViewRestriction.objects.create(page=archive, restriction_type="password", password="x")
    assert "Kaesong factory closes" in found(client, "Kaesong")
    news_year.move(archive, pos="last-child")
    html = found(client, "Kaesong")
    assert "Kaesong factory closes" not in html and "0 results" in html


def test_the_stories_of_a_corrected_news_year_are_counted_in_that_year(client, news_year):
    """An editor correcting a year refiles its stories in SQL (news.models); the
    entries' copied years follow (news.events.stories_refiled)."""
    NewsPageFactory(parent=news_year, title="Kaesong factory closes", publish=True)
    news_year.year = 2015
    news_year.save()
    html = client.get("/en/search/", {"q": "Kaesong", "year": 2015}).content.decode()
    assert "Kaesong factory closes" in html and "1 result" in html
