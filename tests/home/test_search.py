"""The minimal site search finds stories and never answers bad input with a 500."""

import datetime

import pytest

from tests.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(home):
    year = NewsIndexPageFactory(parent=home, year=2013)
    return [
        NewsPageFactory(
            parent=year,
            title="Emergency Aid Project Will Send 10 Tons of Corn Noodles",
            date=datetime.date(2013, 9, 10),
            summary="The heaviest rains in 40 years have damaged the grain producing areas.",
        ),
        NewsPageFactory(
            parent=year,
            title="Rescues Stalled for Lack of Funds",
            date=datetime.date(2013, 6, 10),
            summary="A handicapped father and his two sons now wait in Yanji.",
        ),
    ]


def test_a_word_from_a_summary_finds_its_story(client, stories):
    response = client.get("/en/search/", {"q": "noodles"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 result for “noodles”" in html
    assert 'href="/en/2013/emergency-aid-project-will-send-10-tons-of-corn-noodles/"' in html
    assert "Rescues Stalled" not in html


def test_a_word_from_a_title_finds_its_story(client, stories):
    html = client.get("/en/search/", {"q": "Stalled"}).content.decode()
    assert "Rescues Stalled for Lack of Funds" in html


def test_search_pages_are_kept_out_of_search_engines(client, stories):
    html = client.get("/en/search/", {"q": "rains"}).content.decode()
    assert '<meta name="robots" content="noindex">' in html


def test_an_empty_search_shows_the_form_without_results(client, stories):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert "result" not in response.content.decode().split("<main", 1)[1]


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": "x" * 5000},
        {"q": "refugee\x00"},
        {"q": "\x01\x02\x1b[31m"},
        {"q": "🙂 rescue"},
        {"q": '"'},
        {"q": "'"},
        {"q": '"unterminated phrase'},
        {"q": "AND"},
        {"q": "rescue OR"},
        {"q": "NOT rescue"},
        {"q": "*"},
        {"q": "-"},
        {"q": "NEAR(a b)"},
        {"q": "(((("},
        {"q": "rescue", "page": "abc"},
        {"q": "rescue", "page": "0"},
        {"q": "rescue", "page": "-1"},
        {"q": "rescue", "page": "99999999999999999999"},
    ],
)
def test_bad_input_gets_a_page_or_a_clear_4xx_never_a_500(client, stories, params):
    response = client.get("/en/search/", params)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert 'class="form-errors"' in response.content.decode()
