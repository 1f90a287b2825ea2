"""What visitors see on the home page, a year's archive and a story."""

import datetime
import re

import factory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import NEWS_PER_PAGE, NewsPage
from tests.factories import (
    DonationOptionFactory,
    ImageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationAddressFactory,
    translate_page,
)

pytestmark = pytest.mark.django_db


def titles_in(html):
    # Year pages list news items; the home page shows them as news cards.
    return re.findall(r'class="news-(?:item|card)__title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def year_2014(home):
    return NewsIndexPageFactory(parent=home, year=2014)


def test_the_home_page_shows_the_newest_ten_stories_newest_first(client, home, year_2014):
    older = NewsIndexPageFactory(parent=home, year=2013)
    NewsPageFactory(parent=older, title="Last year's story", date=datetime.date(2013, 12, 31))
    for day in range(1, 12):
        NewsPageFactory(
            parent=year_2014, title=f"Story of May {day}", date=datetime.date(2014, 5, day)
        )
    html = client.get("/en/").content.decode()
    assert titles_in(html) == [f"Story of May {day}" for day in range(11, 1, -1)]
    assert 'href="/en/2014/">all news of 2014</a>' in html


def test_a_year_lists_dated_stories_newest_first_then_undated_ones(client, year_2014):
    NewsPageFactory(parent=year_2014, title="Undated", date=None)
    NewsPageFactory(parent=year_2014, title="March", date=datetime.date(2014, 3, 1))
    NewsPageFactory(parent=year_2014, title="December", date=datetime.date(2014, 12, 1))
    html = client.get("/en/2014/").content.decode()
    assert titles_in(html) == ["December", "March", "Undated"]
    assert '<time datetime="2014-12-01">December 1, 2014</time>' in html
    assert '<time datetime="2014">2014</time>' in html


def test_a_year_is_paginated_by_twenty_and_tolerates_bad_page_numbers(client, year_2014):
    for n in range(NEWS_PER_PAGE + 5):
        NewsPageFactory(
            parent=year_2014,
            title=f"Story {n:02d}",
            date=datetime.date(2014, 1, 1) + datetime.timedelta(days=n),
        )
    first = client.get("/en/2014/")
    assert len(titles_in(first.content.decode())) == NEWS_PER_PAGE
    second = client.get("/en/2014/?page=2").content.decode()
    assert titles_in(second) == [f"Story {n:02d}" for n in range(4, -1, -1)]
    for bad in ["abc", "0", "-1", "99999999999999999999"]:
        assert client.get(f"/en/2014/?page={bad}").status_code == 200


def test_paging_through_a_year_shows_every_story_once_in_order(client, year_2014):
    """The older half of a year is read from its oldest end: the pages still meet,
    across stories of the same day and the undated ones."""
    stories = [
        NewsPageFactory(
            parent=year_2014,
            title=f"Story {n:02d}",
            date=None if n % 9 == 0 else datetime.date(2014, 1, 1 + n // 3),
        )
        for n in range(2 * NEWS_PER_PAGE + 7)
    ]
    in_listing_order = sorted(
        stories, key=lambda story: (story.date is not None, story.date, story.pk), reverse=True
    )
    shown = []
    for number in (1, 2, 3):
        shown += titles_in(client.get(f"/en/2014/?page={number}").content.decode())
    assert shown == [story.title for story in in_listing_order]


def test_every_archive_page_lists_the_years_with_their_counts(client, home, year_2014):
    year_2013 = NewsIndexPageFactory(parent=home, year=2013)
    NewsPageFactory.create_batch(3, parent=year_2014)
    NewsPageFactory(parent=year_2013)
    draft = NewsPageFactory(parent=year_2013)
    draft.unpublish()
    html = client.get("/en/2013/").content.decode()
    assert '<a href="/en/2014/">2014</a> (3)' in html
    assert '<span aria-current="page">2013</span> (1)' in html
    menu = html.split('class="archive-menu__years">')[1].split("</ul>")[0]
    assert menu == (
        '<li><a href="/en/2014/">2014</a></li>'
        '<li><a href="/en/2013/" aria-current="page">2013</a></li>'
    )


def test_a_story_shows_its_title_date_and_summary_as_description(client, year_2014):
    story = NewsPageFactory(
        parent=year_2014,
        title="7 NK Refugees Waiting for Help",
        date=datetime.date(2014, 5, 23),
        summary="We are ready to launch missions.\n\nBut the budget is depleted.",
    )
    response = client.get(story.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>7 NK Refugees Waiting for Help</h1>" in html
    assert "May 23, 2014" in html
    assert '<meta name="description" content="We are ready to launch missions.">' in html
    assert "<p>But the budget is depleted.</p>" in html


def test_an_undated_story_shows_its_year(client, year_2014):
    story = NewsPageFactory(parent=year_2014, title="Undated appeal", date=None)
    assert '<time datetime="2014">2014</time>' in client.get(story.url).content.decode()


def test_highlights_are_in_the_sidebar_of_home_and_year_pages_not_stories(client, home, year_2014):
    year_2004 = NewsIndexPageFactory(parent=home, year=2004)
    NewsPageFactory(
        parent=year_2004, title="29 Seek Sanctuary in Japanese School", date=None, is_highlight=True
    )
    story = NewsPageFactory(parent=year_2014, title="Ordinary story")
    for url in ["/en/", "/en/2014/"]:
        html = client.get(url).content.decode()
        sidebar = html.split('id="highlights-heading"')[1].split("</aside>")[0]
        assert "<h3>2004</h3>" in sidebar
        assert "29 Seek Sanctuary in Japanese School" in sidebar
        assert "Ordinary story" not in sidebar
    assert 'id="highlights-heading"' not in client.get(story.url).content.decode()


def test_a_year_with_many_highlights_shows_its_newest_five_and_leads_to_its_page(
    client, home, year_2014
):
    year_2004 = NewsIndexPageFactory(parent=home, year=2004)
    for number in range(1, 8):
        NewsPageFactory(parent=year_2014, title=f"Highlight {number} of 2014", is_highlight=True)
    for number in range(1, 6):
        NewsPageFactory(parent=year_2004, title=f"Highlight {number} of 2004", is_highlight=True)
    html = client.get("/en/").content.decode()
    sidebar = html.split('id="highlights-heading"')[1].split("</aside>")[0]
    of_2014, of_2004 = sidebar.split("<h3>2004</h3>")
    # The newest added first (their order in the sidebar), five of seven, then the year.
    assert re.findall(r"Highlight (\d) of 2014", of_2014) == ["7", "6", "5", "4", "3"]
    assert '<a href="/en/2014/">More news from 2014</a>' in of_2014
    # A year with five shows them all, and needs no link.
    assert re.findall(r"Highlight (\d) of 2004", of_2004) == ["5", "4", "3", "2", "1"]
    assert "More news from" not in of_2004


def test_editing_the_address_changes_every_page(client, year_2014):
    address = OrganisationAddressFactory()
    story = NewsPageFactory(parent=year_2014)
    urls = ["/en/", "/en/2014/", story.url, "/en/search/?q=rescue"]
    for url in urls:
        html = client.get(url).content.decode()
        assert "Representative: Kato Hiroshi" in html
        assert "Tokyo, Japan 113-0024" in html
        assert "Tel / Fax +81-3-3815-8127" in html
    address.city = "Osaka"
    address.contact_email = "info@lfnkr.example"
    address.save()
    for url in urls:
        html = client.get(url).content.decode()
        assert "Osaka, Japan 113-0024" in html
        assert '<a href="mailto:info@lfnkr.example">Contact Us</a>' in html


def test_editing_a_donation_option_changes_every_page(client, year_2014):
    option = DonationOptionFactory(label="PayPal", url="https://www.paypal.com/donate/?id=1")
    story = NewsPageFactory(parent=year_2014)
    urls = ["/en/", "/en/2014/", story.url]
    for url in urls:
        assert (
            '<a href="https://www.paypal.com/donate/?id=1">PayPal</a>'
            in client.get(url).content.decode()
        )
    # Saved as the snippet editor saves it: every page remembers the options until then.
    option.label = "PayPal or card"
    option.save()
    for url in urls:
        assert ">PayPal or card</a>" in client.get(url).content.decode()
    option.active = False
    option.save()
    for url in urls:
        assert "PayPal or card" not in client.get(url).content.decode()


def count_queries(client, url):
    # Warms Wagtail's cached site root paths and makes the thumbnails' renditions,
    # as any earlier visit would.
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# The content version, the year's stories and their thumbnails (the lead images and
# their renditions, fetched with the stories); what every page shares comes from
# memory (core.memory; tests/test_query_budgets.py holds every page type to 6).
QUERY_BUDGET = 6


def add_stories(year, count):
    """Half dated with photos, half undated: undated stories show their archive's year."""
    NewsPageFactory.create_batch(
        count // 2, parent=year, is_highlight=True, lead_image=factory.SubFactory(ImageFactory)
    )
    NewsPageFactory.create_batch(count - count // 2, parent=year, date=None)


@pytest.mark.parametrize("url", ["/en/", "/en/2014/"])
def test_listings_use_the_same_number_of_queries_for_10_or_100_stories(
    client, home, year_2014, url
):
    OrganisationAddressFactory()
    DonationOptionFactory.create_batch(2)
    add_stories(year_2014, 10)
    with_10 = count_queries(client, url)
    add_stories(year_2014, 90)
    with_100 = count_queries(client, url)
    assert with_10 == with_100
    assert with_100 <= QUERY_BUDGET


# The Japanese site's listings also show the English stories not yet translated, and
# the switcher the page's translations: within the same budget.
JAPANESE_QUERY_BUDGET = QUERY_BUDGET


@pytest.mark.parametrize("url", ["/ja/", "/ja/2014/"])
def test_japanese_listings_cost_the_same_however_many_stories_wait_for_translation(
    client, home, year_2014, url
):
    """The Japanese site lists its translations and the English stories still without one."""
    OrganisationAddressFactory()
    translate_page(year_2014, title="2014年のニュース")
    add_stories(year_2014, 10)
    for story in NewsPage.objects.filter(locale=home.locale)[:3]:
        translate_page(story, title=f"翻訳 {story.pk}")
    with_10 = count_queries(client, url)
    add_stories(year_2014, 90)
    for story in NewsPage.objects.filter(locale=home.locale).order_by("-pk")[:30]:
        translate_page(story, title=f"翻訳 {story.pk}")
    with_100 = count_queries(client, url)
    assert with_10 == with_100
    assert with_100 <= JAPANESE_QUERY_BUDGET
