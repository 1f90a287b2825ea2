"""A common word on a big archive: its results are ranked among the pages whose title
holds it first (search/results.py), and only the bodies that can reach the results
page are ranked. The seed archive never has enough matches for that (it starts at
RANK_TITLES_FIRST_FROM), so these tests lower the threshold, and check that the
results are those of ranking every match, for less work.

On PostgreSQL only: SQLite's FTS5 ranks in its own index, titles and bodies at once.
"""

import datetime

import pytest
from django.db import connection

from search import results
from tests.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

# Titles of every length, the word once or twice, bodies with it 0 to 3 times: titles
# rank apart and alike, and bodies decide between titles that rank alike.
TITLE_WORDS = ["Refugees", "crossing", "the", "river", "at", "night", "reach", "Seoul"]


@pytest.fixture
def archive(home):
    if connection.vendor != "postgresql":
        pytest.skip("The titles-first ranking is PostgreSQL's (search.postgres.title_matches).")
    number = 0
    for year in (2019, 2020):
        news_year = NewsIndexPageFactory(parent=home, year=year)
        for length in range(1, len(TITLE_WORDS) + 1):
            for body_mentions in range(4):
                number += 1
                title = " ".join(TITLE_WORDS[:length]) + (" refugees" if number % 5 == 0 else "")
                NewsPageFactory(
                    parent=news_year,
                    title=f"{title} {number}",
                    date=datetime.date(year, 1 + number % 12, 1),
                    summary=" ".join(["Refugees were helped."] * body_mentions + ["Aid."]),
                )
        # Pages whose body alone holds the word: never above a title holding it.
        for story in range(5):
            NewsPageFactory(
                parent=news_year,
                title=f"Aid delivered {year} {story}",
                summary="Refugees refugees refugees were helped.",
            )
    return home


def found(client, **params):
    response = client.get("/en/search/", {"q": "refugees", **params})
    assert response.status_code == 200
    return [page.pk for page in response.context["results"].object_list]


SEARCHES = [{}, {"page": "2"}, {"page": "4"}, {"page": "7"}, {"year": "2020"}, {"page": "9"}]


def test_ranking_the_titles_first_finds_what_ranking_every_match_finds(
    client, archive, monkeypatch
):
    monkeypatch.setattr(results, "RANK_TITLES_FIRST_FROM", 10**9)
    every_match_ranked = [found(client, **params) for params in SEARCHES]
    monkeypatch.setattr(results, "RANK_TITLES_FIRST_FROM", 1)
    titles_first = [found(client, **params) for params in SEARCHES]
    assert titles_first == every_match_ranked
    # The last pages hold the pages whose body alone has the word: ranked as before.
    assert every_match_ranked[-1]


@pytest.fixture
def bodies_ranked(archive):
    """A counter of the bodies whose rank PostgreSQL computes: each body vector the
    search's SQL ranks passes through a function that counts it."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY SEQUENCE bodies_ranked")
        cursor.execute(
            "CREATE FUNCTION pg_temp.counted(body tsvector) RETURNS tsvector AS"
            " $$ SELECT body FROM (SELECT nextval('bodies_ranked')) AS counted $$"
            " LANGUAGE sql VOLATILE"
        )

    def count_bodies(execute, sql, params, many, context):
        counted = sql.replace("entry.body_vector,", "pg_temp.counted(entry.body_vector),")
        return execute(counted, params, many, context)

    def read():
        with connection.cursor() as cursor:
            cursor.execute("SELECT last_value, is_called FROM bodies_ranked")
            last_value, is_called = cursor.fetchone()
            return last_value if is_called else 0

    with connection.execute_wrapper(count_bodies):
        yield read


def test_only_the_bodies_that_can_reach_the_results_page_are_ranked(
    client, archive, bodies_ranked, monkeypatch
):
    monkeypatch.setattr(results, "RANK_TITLES_FIRST_FROM", 1)
    titles = len(TITLE_WORDS) * 4 * 2  # every title of the fixture holds the word
    assert found(client)
    # The first page's ten, and the titles ranked within the highest body rank of the
    # tenth: titles of nearly the same length. Ranking every title's body read all.
    assert 10 <= bodies_ranked() < titles / 2
