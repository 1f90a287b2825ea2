"""The search's own index finds what Wagtail's backend found on the imported archive,
in the same order (tests/home/search_first_ten.py holds the old code's answers).

Where the old order is kept only as a set, two results ranked nearly alike swapped
places: the rank's inputs that depend on the whole index differ a little, because
Wagtail's index also held drafts, photos, documents and snippets, which visitors
never find: SQLite's BM25 counts its documents and their average length, and
PostgreSQL weighs a title against the average title length.
"""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories import japanese, translate_page

from .search_first_ten import COUNTS, FIRST_TEN

pytestmark = pytest.mark.django_db

# Near ties that swapped places (see above): the same ten, not the same order.
SAME_TEN_IN_ANOTHER_ORDER = {
    "sqlite": {
        ("en", (("q", "North Korea"),)),
        ("en", (("q", "human rights"),)),
        ("en", (("q", "refugees"), ("page", "2"))),
    },
    "postgresql": {
        ("en", (("q", "North Korea"),)),
        ("en", (("q", "human rights"),)),
    },
}
# The tenth result differs: the first nine are the same, in the same order.
SAME_FIRST_NINE = {"sqlite": {("ja", (("q", "refugees"),))}, "postgresql": set()}
# The Japanese About and "how donations are used" pages held a copy of the English text
# when the old code's answers were taken; the import now gives them a Japanese note
# instead (issue 14), so English words no longer find them: the About page was first
# for "refugees" on /ja/ (the rest keep their order, one place up), and fewer pages
# are counted (the stories' year counts stay).
NO_LONGER_ENGLISH = {"/home-1/about/"}
FEWER_COUNTED = {("ja", (("q", "refugees"),))}


@pytest.fixture
def archive(db):
    call_command("import_archive", stdout=None)
    # The old code's answers were taken from Wagtail's index rebuilt at once (its
    # ranking depends on the order pages were indexed in, until rebuilt).
    call_command("update_index", stdout=None)


def search(client, language, params):
    response = client.get(f"/{language}/search/", dict(params))
    assert response.status_code == 200
    context = response.context
    results = context["results"]
    first_ten = [page.url_path for page in results.object_list]
    year_counts = [(news_year.year, count) for news_year, count in context["year_counts"]]
    return first_ten, (results.paginator.count, year_counts)


def test_the_archives_searches_find_what_they_found_before(client, archive):
    vendor = connection.vendor
    for (language, params), found_before in FIRST_TEN[vendor].items():
        first_ten, (count, year_counts) = search(client, language, params)
        searched = f"/{language}/search/ {dict(params)}"
        expected = [url for url in found_before if url not in NO_LONGER_ENGLISH]
        first_ten = first_ten[: len(expected)]
        if (language, params) in SAME_TEN_IN_ANOTHER_ORDER[vendor]:
            assert sorted(first_ten) == sorted(expected), searched
        elif (language, params) in SAME_FIRST_NINE[vendor]:
            assert first_ten[:9] == expected[:9], searched
        else:
            assert first_ten == expected, searched
        count_before, year_counts_before = COUNTS[vendor][language, params]
        assert year_counts == year_counts_before, searched
        if (language, params) in FEWER_COUNTED:
            assert count < count_before, searched
        else:
            assert count == count_before, searched


def test_a_translated_story_is_found_by_its_japanese_words_in_place_of_its_original(
    client, archive
):
    from news.models import NewsPage

    english = NewsPage.objects.get(url_path="/home/2014/whitewash-goes-to-prison/")
    translation = translate_page(
        english,
        title="難民支援者に有罪判決",
        summary="脱北難民を支援した活動家が刑務所に送られました。",
        date=datetime.date(2014, 3, 1),
    )
    assert translation.locale == japanese()
    first_ten, (count, year_counts) = search(client, "ja", [("q", "難民")])
    assert translation.url_path in first_ten
    assert english.url_path not in first_ten
    assert (2014, 1) in year_counts
    # Its English original is found on the English site, not on the Japanese one.
    assert search(client, "en", [("q", "Yodok")])[0] == [english.url_path]
    assert search(client, "ja", [("q", "Yodok")])[0] == [translation.url_path]
