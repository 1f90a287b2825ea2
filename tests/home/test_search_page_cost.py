"""The search page does its work once: the site's filter compiled once per search,
the year filter's links written without copying the query for each, its results and
promotions read with SQL of its own. What a visitor sees stays as Django and the ORM
gave it."""

import datetime

import pytest
from django.db import connection
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

import search.results
from home.search import QueryStrings
from search.results import pages_by_id
from tests.factories import (
    ContactPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query_string",
    [
        "q=rains",
        "q=rains&year=2013&order=date&page=2",
        "page=3&q=rains&year=2010",
        "q=%E9%9B%A3%E6%B0%91&q=other&year=2013&year=2014",
        "q=a+b%26c%3D%2F%3F&utm=%E2%9C%93&order=relevance",
        "q=rains&page=2&page=3&empty=",
        "",
    ],
)
@pytest.mark.parametrize(
    "changes",
    [
        {"year": 2010, "page": None},
        {"year": None, "page": None},
        {"order": "date", "page": None},
        {"order": "relevance", "page": None},
        {"page": 2},
    ],
)
def test_the_filter_links_are_the_links_djangos_querystring_tag_writes(query_string, changes):
    request = RequestFactory().get(f"/en/search/?{query_string}")
    arguments = " ".join(f"{key}={value!r}" for key, value in changes.items())
    tag = Template(f"{{% querystring {arguments} %}}").render(RequestContext(request))
    written = QueryStrings(request.GET).changed(**changes)
    assert written == tag.replace("&amp;", "&")


def test_a_search_compiles_the_sites_filter_once(client, home, monkeypatch):
    news_year = NewsIndexPageFactory(parent=home, year=2013)
    for number in range(12):
        NewsPageFactory(parent=news_year, title=f"Rains of 2013, story {number}")
    compiled = []
    compile_condition = search.results.visible_condition

    def counted(entries):
        compiled.append(entries)
        return compile_condition(entries)

    monkeypatch.setattr(search.results, "visible_condition", counted)
    html = client.get("/en/search/", {"q": "rains", "page": 2}).content.decode()
    assert "12 results" in html and "Page 2 of 2" in html
    assert len(compiled) == 1


def test_results_are_the_pages_the_orm_reads(home):
    news_year = NewsIndexPageFactory(parent=home, year=2013)
    pages = [
        home,
        news_year,
        NewsPageFactory(parent=news_year, title="Rains", date=datetime.date(2013, 9, 10)),
        StandardPageFactory(parent=home, title="About us"),
        ContactPageFactory(parent=home, title="Contact"),
    ]
    for page in pages:
        model = type(page.specific)
        (read,) = pages_by_id(model, [page.pk]).values()
        expected = model.objects.get(pk=page.pk)
        assert type(read) is model
        for field in model._meta.concrete_fields:
            assert getattr(read, field.attname) == getattr(expected, field.attname), field.name


def test_promotions_cost_one_query_however_many(client, home):
    news_year = NewsIndexPageFactory(parent=home, year=2013)
    query = Query.get("appeal")
    SearchPromotion.objects.create(
        query=query, page=news_year, description="The year", sort_order=0
    )

    def queries():
        client.get("/en/search/", {"q": "appeal"})
        with CaptureQueriesContext(connection) as context:
            html = client.get("/en/search/", {"q": "appeal"}).content.decode()
        return len(context.captured_queries), html

    one, _html = queries()
    for number in range(1, 4):
        story = NewsPageFactory(parent=news_year, title=f"Rescue {number}")
        SearchPromotion.objects.create(
            query=query, page=story, description=f"Promoted {number}", sort_order=number
        )
    SearchPromotion.objects.create(
        query=query, external_link_url="https://www.unhcr.org/", external_link_text="UNHCR"
    )
    many, html = queries()
    assert many == one
    promotions = html.split('class="promotions"')[1].split("</section>")[0]
    links = [f'<a href="{news_year.url}">{news_year.title}</a>: The year']
    links += [f'<a href="/en/2013/rescue-{number}/">Rescue {number}</a>' for number in (1, 2, 3)]
    positions = [promotions.index(link) for link in links]
    assert positions == sorted(positions)
    assert '<a href="https://www.unhcr.org/">UNHCR</a>' in promotions
