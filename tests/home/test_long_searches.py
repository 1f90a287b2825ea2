"""A long query is cut to its first words, as search engines do: results, never a 500.

160 characters of Japanese text once made PostgreSQL answer 500 (Wagtail's ranking
nests one expression per term, past Python's recursion limit) and SQLite take half a
minute. The backend now gets at most 32 terms, and the visitor is told.
"""

import datetime
import re

import pytest
from wagtail.search.queryset import SearchableQuerySetMixin

from tests.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

MOST_TERMS = 32  # as Google keeps 32 words
# One run of Japanese text, no spaces or punctuation: 160 characters are 159 pairs.
JAPANESE_160 = ("北朝鮮難民の救出活動を続けています皆様のご寄付に感謝します" * 6)[:160]
ENGLISH_WORDS = (
    "heaviest rains in forty years damaged grain areas so emergency aid sends ten tons "
    "of corn noodles to hungry families in the north while rescues go on"
).split()
LONG_ENGLISH = " ".join(ENGLISH_WORDS + ["corn", "aid", "ten"] * 3)
SHORTENED_NOTE = "Your search was long, so only its beginning was searched."


@pytest.fixture
def stories(home):
    year = NewsIndexPageFactory(parent=home, year=2013)
    return {
        "japanese": NewsPageFactory(
            parent=year,
            title="救出活動の報告",
            date=datetime.date(2013, 6, 10),
            summary=f"{JAPANESE_160}。",
        ),
        "english": NewsPageFactory(
            parent=year,
            title="Emergency Aid Project Will Send 10 Tons of Corn Noodles",
            date=datetime.date(2013, 9, 10),
            summary=" ".join(ENGLISH_WORDS) + ".",
        ),
    }


@pytest.fixture
def searched(monkeypatch):
    """The query strings the search backend is given: the words the site's index
    (search/) matches, or what Wagtail's backend gets when it answers instead."""
    from search import backend as index_backend

    queries = []
    search = SearchableQuerySetMixin.search
    index_words = index_backend.query_words

    def recording_search(queryset, query, *args, **kwargs):
        queries.append(query)
        return search(queryset, query, *args, **kwargs)

    def recording_index_words(query):
        queries.append(index_words(query))
        return queries[-1]

    monkeypatch.setattr(SearchableQuerySetMixin, "search", recording_search)
    monkeypatch.setattr(index_backend, "query_words", recording_index_words)
    return queries


def most_terms(queries):
    """The most terms any search sent: words, split at spaces and hyphens as PostgreSQL does."""
    return max(len([t for t in re.split(r"[\s\-]+", query) if t]) for query in queries)


@pytest.mark.parametrize("length", [160, 200])
def test_a_long_japanese_query_finds_its_story_from_its_first_words(
    client, stories, searched, length
):
    query = (JAPANESE_160 * 2)[:length]
    response = client.get("/en/search/", {"q": query})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{stories["japanese"].url}"' in html
    assert f'href="{stories["english"].url}"' not in html
    assert SHORTENED_NOTE in html
    assert f"1 result for “{query[: MOST_TERMS + 1]}”" in html  # 33 characters: 32 pairs
    assert searched and most_terms(searched) == MOST_TERMS


def test_a_long_english_query_finds_its_story_from_its_first_words(client, stories, searched):
    assert len(LONG_ENGLISH.split()) > MOST_TERMS and len(LONG_ENGLISH) <= 200
    response = client.get("/en/search/", {"q": LONG_ENGLISH, "order": "date"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{stories["english"].url}"' in html
    assert SHORTENED_NOTE in html
    first_words = " ".join(LONG_ENGLISH.split()[:MOST_TERMS])
    assert f"1 result for “{first_words}”" in html
    assert f'value="{first_words}"' in html  # the search box shows what was searched
    assert searched and most_terms(searched) == MOST_TERMS


def test_a_long_query_in_one_year_is_cut_too(client, stories, searched):
    response = client.get("/en/search/", {"q": JAPANESE_160, "year": "2013"})
    assert response.status_code == 200
    assert f'href="{stories["japanese"].url}"' in response.content.decode()
    assert most_terms(searched) == MOST_TERMS


def test_japanese_visitors_are_told_in_japanese(client, stories):
    html = client.get("/ja/search/", {"q": JAPANESE_160}).content.decode()
    assert "検索語が長いため、最初の部分だけで検索しました。" in html


def test_a_query_longer_than_the_form_allows_is_a_form_error_without_a_search(
    client, stories, searched
):
    response = client.get("/en/search/", {"q": "難民" * 500})
    assert response.status_code == 400
    assert 'class="form-errors"' in response.content.decode()
    assert searched == []


def test_ordinary_queries_are_searched_whole_without_a_note(client, stories, searched):
    html = client.get("/en/search/", {"q": "corn noodles"}).content.decode()
    assert "1 result for “corn noodles”" in html
    assert SHORTENED_NOTE not in html
    assert set(searched) == {"corn noodles"}


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("難民", "難民"),
        (JAPANESE_160, JAPANESE_160[:33]),
        ("LFNKR " + JAPANESE_160, "LFNKR " + JAPANESE_160[:32]),
        (" ".join(f"w{n}" for n in range(40)), " ".join(f"w{n}" for n in range(32))),
        ("-".join(f"w{n}" for n in range(40)), "-".join(f"w{n}" for n in range(32))),
        ("a難" * 40, "a難" * 16),
    ],
    ids=["short", "japanese", "mixed", "words", "hyphens", "alternating"],
)
def test_a_query_keeps_its_first_32_terms(query, kept):
    from home.search import backend_terms, first_terms

    assert first_terms(query) == kept
    assert len(backend_terms(kept)) <= MOST_TERMS
