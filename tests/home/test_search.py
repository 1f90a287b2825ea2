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
        {"q": "rescue", "year": "abc"},
        {"q": "rescue", "year": "1999"},
        {"q": "rescue", "year": "99999999999999999999"},
        {"q": "rescue", "order": "sideways"},
    ],
)
def test_bad_input_gets_a_page_or_a_clear_4xx_never_a_500(client, stories, params):
    response = client.get("/en/search/", params)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert 'class="form-errors"' in response.content.decode()


def test_each_result_shows_its_date_and_an_excerpt_with_the_words_marked(client, stories):
    html = client.get("/en/search/", {"q": "rains"}).content.decode()
    assert '<time datetime="2013-09-10">September 10, 2013</time>' in html
    assert "heaviest <mark>rains</mark> in 40 years" in html


def test_the_query_is_never_echoed_as_html(client, stories):
    html = client.get("/en/search/", {"q": "<script>alert(1)</script> rains"}).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


def test_results_can_be_narrowed_to_a_year_with_counts(client, home, stories):
    other_year = NewsIndexPageFactory(parent=home, year=2010)
    NewsPageFactory(parent=other_year, title="Rains of 2010", summary="Heavy rains again.")
    html = client.get("/en/search/", {"q": "rains"}).content.decode()
    assert "2 results" in html
    assert ">2013 (1)</a>" in html and ">2010 (1)</a>" in html
    narrowed = client.get("/en/search/", {"q": "rains", "year": "2010"}).content.decode()
    assert "1 result for “rains” in 2010" in narrowed
    assert "Rains of 2010" in narrowed and "Corn Noodles" not in narrowed


def test_the_year_and_order_links_keep_the_rest_of_the_search(client, home, stories):
    other_year = NewsIndexPageFactory(parent=home, year=2010)
    NewsPageFactory(parent=other_year, title="Rains of 2010", summary="Heavy rains again.")
    html = client.get(
        "/en/search/", {"q": "rains", "year": "2013", "order": "date", "page": "1"}
    ).content.decode()
    assert '<a href="?q=rains&amp;order=date">All years</a>' in html
    assert '<a href="?q=rains&amp;year=2010&amp;order=date">2010 (1)</a>' in html
    assert '<a href="?q=rains&amp;year=2013&amp;order=relevance">Most relevant first</a>' in html


def test_results_can_be_ordered_newest_first(client, home, stories):
    year = NewsIndexPageFactory(parent=home, year=2014)
    NewsPageFactory(
        parent=year,
        title="Funds for rescues arrive",
        date=datetime.date(2014, 2, 1),
        summary="Funds arrived.",
    )
    html = client.get("/en/search/", {"q": "Funds", "order": "date"}).content.decode()
    assert html.index("Funds for rescues arrive") < html.index("Rescues Stalled for Lack of Funds")


def test_a_search_with_no_results_suggests_the_yearly_archives(client, stories):
    html = client.get("/en/search/", {"q": "xylophone"}).content.decode()
    assert "0 results" in html
    assert '<a href="/en/2013/">2013</a>' in html


def test_promotions_are_shown_per_language_and_a_search_counts_no_hit(client, home, stories):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    from tests.factories import translate_page

    english = stories[1]
    japanese = translate_page(english, title="資金不足で救出が停滞")
    query = Query.get("appeal")
    SearchPromotion.objects.create(query=query, page=english, description="Our current appeal")
    SearchPromotion.objects.create(query=query, page=japanese, description="現在の募金")
    html = client.get("/en/search/", {"q": "appeal"}).content.decode()
    assert "Our current appeal" in html and "現在の募金" not in html
    japanese_html = client.get("/ja/search/", {"q": "appeal"}).content.decode()
    assert "現在の募金" in japanese_html and "Our current appeal" not in japanese_html
    # A search is a GET: it writes nothing, so Wagtail's hit count stays as it was.
    assert Query.get("appeal").hits == 0


def test_promotions_show_visitors_only_pages_they_may_see(client, home, stories):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.models import PageViewRestriction

    public, private = stories
    draft = NewsPageFactory(parent=public.get_parent(), title="Unpublished Appeal", live=False)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    query = Query.get("appeal")
    for page, description in [(public, "Seen"), (private, "Private"), (draft, "Draft")]:
        SearchPromotion.objects.create(query=query, page=page, description=description)
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://www.unhcr.org/",
        external_link_text="UNHCR",
        description="Elsewhere",
    )
    promotions = client.get("/en/search/", {"q": "appeal"}).content.decode()
    promotions = promotions.split('class="promotions"')[1].split("</section>")[0]
    assert "Seen" in promotions and "Elsewhere" in promotions
    assert "Private" not in promotions and "Draft" not in promotions
