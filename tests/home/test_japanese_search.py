"""Japanese words are found inside Japanese sentences, on SQLite and PostgreSQL alike."""

import datetime

import pytest
from django.core.management import call_command

from core.cjk import cjk_index_text, cjk_query
from tests.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

REFUGEES = "北朝鮮難民の救出活動を続けています。皆様のご寄付に感謝します。"
NOODLES = "緊急食糧支援として、とうもろこし麺10トンを送ります。"


@pytest.fixture
def japanese_stories(home):
    year = NewsIndexPageFactory(parent=home, year=2013)
    return {
        "refugees": NewsPageFactory(
            parent=year, title="救出活動の報告", date=datetime.date(2013, 6, 10), summary=REFUGEES
        ),
        "noodles": NewsPageFactory(
            parent=year,
            title="Corn noodles",
            date=datetime.date(2013, 9, 10),
            summary="",
            body=[("paragraph", f"<p>{NOODLES}</p>")],
        ),
    }


def found(client, query):
    html = client.get("/en/search/", {"q": query}).content.decode()
    return html


def test_queries_become_the_pieces_the_index_holds():
    assert cjk_query("北朝鮮") == "北朝 朝鮮"
    assert cjk_query("難") == "難"
    assert cjk_query("LFNKR 難民") == "LFNKR 難民"
    assert set(cjk_index_text("難民です").split()) >= {"難", "民", "難民", "民で", "です"}


@pytest.mark.parametrize(
    ("query", "story"),
    [
        ("難民", "refugees"),
        ("寄付", "refugees"),
        ("北朝鮮", "refugees"),
        ("麺", "noodles"),
        ("とうもろこし", "noodles"),
        ("救出", "refugees"),
    ],
)
def test_a_japanese_word_inside_a_sentence_finds_its_story(client, japanese_stories, query, story):
    html = found(client, query)
    expected = japanese_stories[story]
    other = next(p for key, p in japanese_stories.items() if key != story)
    assert f'href="{expected.url}"' in html
    assert f'href="{other.url}"' not in html


def test_a_word_not_in_any_story_finds_nothing(client, japanese_stories):
    assert "0 results" in found(client, "拉致")


def test_japanese_search_survives_a_rebuilt_index(client, japanese_stories):
    call_command("update_index", stdout=None)
    assert f'href="{japanese_stories["refugees"].url}"' in found(client, "難民")


def test_english_search_still_works_beside_japanese(client, japanese_stories):
    assert f'href="{japanese_stories["noodles"].url}"' in found(client, "noodles")


def test_a_story_about_the_word_ranks_above_one_that_mentions_it(client, home):
    year = NewsIndexPageFactory(parent=home, year=2012)
    # Ranking weighs how rare a word is, as in the real archive: most stories lack it.
    NewsPageFactory.create_batch(
        6, parent=year, title="食糧支援", summary="とうもろこし麺を送ります。"
    )
    passing = NewsPageFactory(parent=year, title="年次報告", summary="食糧支援と難民の話。")
    about = NewsPageFactory(
        parent=year, title="難民救出の報告", summary="難民の家族を救出しました。難民は無事です。"
    )
    html = found(client, "難民")
    assert html.index(f'href="{about.url}"') < html.index(f'href="{passing.url}"')
