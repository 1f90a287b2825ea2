"""Feeds, sitemap, robots.txt and page metadata tell the outside world what is here."""

import datetime
import json
import re

import feedparser
import pytest
from defusedxml import ElementTree as ET

from core.translation import japanese_locale
from tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationAddressFactory,
    translate_page,
)

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def stories(home):
    year_2014 = NewsIndexPageFactory(parent=home, year=2014)
    year_2013 = NewsIndexPageFactory(parent=home, year=2013)
    newest = NewsPageFactory(
        parent=year_2014,
        title="Crowd Funding to the Rescue",
        date=datetime.date(2014, 12, 11),
        summary="A new way to donate.",
    )
    NewsPageFactory.create_batch(22, parent=year_2014, date=datetime.date(2014, 1, 5))
    older = NewsPageFactory(
        parent=year_2013, title="Rescues Stalled", date=datetime.date(2013, 6, 10)
    )
    return {"newest": newest, "older": older}


@pytest.mark.parametrize("url", ["/en/news/feed/", "/en/news/feed/atom/"])
def test_the_feeds_list_the_newest_twenty_stories(client, stories, url):
    feed = feedparser.parse(client.get(url).content)
    assert not feed.bozo, feed.bozo_exception
    assert len(feed.entries) == 20
    first = feed.entries[0]
    assert first.title == "Crowd Funding to the Rescue"
    assert first.link == "http://testserver/en/2014/crowd-funding-to-the-rescue/"
    assert first.summary == "A new way to donate."
    assert first.published_parsed[:3] == (2014, 12, 11)


def test_a_years_feed_holds_only_that_year(client, stories):
    feed = feedparser.parse(client.get("/en/news/2013/feed/").content)
    assert [entry.title for entry in feed.entries] == ["Rescues Stalled"]
    assert client.get("/en/news/1999/feed/").status_code == 404


def test_each_language_has_its_own_feed(client, home, stories):
    translate_page(stories["newest"], title="クラウドファンディング")
    japanese = feedparser.parse(client.get("/ja/news/feed/").content)
    assert japanese.feed.language == "ja"
    # The translation takes its English story's place; the others are still there, in
    # English and said to be, leading to their English pages.
    first, second = japanese.entries[:2]
    assert first.title == "クラウドファンディング"
    assert (
        first.link == f"http://testserver{stories['newest'].get_translation(japanese_locale()).url}"
    )
    assert second.title.startswith("[英語] ") and second.link.startswith("http://testserver/en/")
    assert len(japanese.entries) == 20
    english = feedparser.parse(client.get("/en/news/feed/").content)
    assert "クラウドファンディング" not in [entry.title for entry in english.entries]


def test_every_page_points_feed_readers_at_the_feeds(client, stories):
    html = client.get("/en/2014/").content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="News (RSS)" href="/en/news/feed/">'
        in html
    )
    assert 'type="application/atom+xml"' in html
    assert 'href="/en/news/2014/feed/"' in html


def test_the_sitemap_lists_every_public_page_with_its_translations(client, home, stories):
    japanese = translate_page(stories["newest"], title="クラウドファンディング")
    draft = NewsPageFactory(parent=stories["older"].get_parent(), title="Draft")
    draft.unpublish()
    root = ET.fromstring(client.get("/sitemap.xml").content)
    urls = {url.find(f"{SITEMAP}loc").text: url for url in root.findall(f"{SITEMAP}url")}
    assert "http://localhost/en/2014/crowd-funding-to-the-rescue/" in urls
    assert "http://localhost" + japanese.url in urls
    assert not any("draft" in loc for loc in urls)
    entry = urls["http://localhost/en/2014/crowd-funding-to-the-rescue/"]
    assert entry.find(f"{SITEMAP}lastmod") is not None
    alternates = {link.get("hreflang"): link.get("href") for link in entry.findall(f"{XHTML}link")}
    assert alternates == {
        "en": "http://localhost/en/2014/crowd-funding-to-the-rescue/",
        "ja": "http://localhost" + japanese.url,
        "x-default": "http://localhost/en/2014/crowd-funding-to-the-rescue/",
    }
    # A story the Japanese site lists untranslated is in the sitemap once, in English,
    # with no Japanese alternate: its English page is its only address.
    older = urls["http://localhost" + stories["older"].url]
    assert older.findall(f"{XHTML}link") == []
    assert not [loc for loc in urls if "/ja/" in loc and stories["older"].slug in loc]


def test_robots_txt_keeps_out_admin_and_search_and_names_the_sitemap(client, home):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Disallow: /en/search/" in text and "Disallow: /ja/search/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def json_ld(html):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    )


def test_a_story_describes_itself_to_search_engines_and_social_networks(client, stories):
    html = client.get(stories["newest"].url).content.decode()
    assert (
        '<link rel="canonical" href="http://localhost/en/2014/crowd-funding-to-the-rescue/">'
        in html
    )
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Crowd Funding to the Rescue">' in html
    assert '<meta name="description" content="A new way to donate.">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert re.search(
        r'<meta property="og:image" content="http://testserver/static/img/lfnkr-share\.png">', html
    )
    article = json_ld(html)
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Crowd Funding to the Rescue"
    assert article["datePublished"] == "2014-12-11"


def test_the_home_page_describes_the_ngo_with_its_postal_address(client, home):
    OrganisationAddressFactory()
    organisation = json_ld(client.get("/en/").content.decode())
    assert organisation["@type"] == "NGO"
    assert organisation["address"]["postalCode"] == "113-0024"
    assert organisation["address"]["addressLocality"] == "Tokyo"


def test_structured_data_cannot_be_broken_out_of_by_a_title(client, home):
    year = NewsIndexPageFactory(parent=home, year=2012)
    story = NewsPageFactory(parent=year, title="</script><script>alert(1)</script>")
    html = client.get(story.url).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["headline"] == "</script><script>alert(1)</script>"


@pytest.mark.django_db
def test_a_year_without_an_intro_still_describes_itself_to_search_engines(client, home):
    from tests.factories import NewsIndexPageFactory

    NewsIndexPageFactory(parent=home, year=2013)
    html = client.get("/en/2013/").content.decode()
    assert (
        '<meta name="description" content="The news of 2013 from Life Funds for North Korean '
        'Refugees, newest first.">' in html
    )


@pytest.mark.django_db
def test_a_page_left_without_words_gets_the_organisations_description(client, home):
    html = client.get("/en/").content.decode()
    assert (
        '<meta name="description" content="Life Funds for North Korean Refugees, an NGO in '
        "Tokyo, rescues North Korean refugees hiding in China and reports on human rights in "
        'North Korea.">' in html
    )


@pytest.mark.parametrize(
    "url", ["/en/news/2013/feed/", "/en/news/2013/feed/atom/", "/en/news/feed/"]
)
def test_a_control_character_in_a_title_never_breaks_a_feed(client, stories, url):
    for story in stories.values():
        # PostgreSQL refuses NUL in text, so no page can hold one; these it accepts.
        story.title = story.title.replace(" ", "\x0b ", 1) + "\x08"
        story.summary = "Two\x1b sons wait."
        story.save()
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    titles = {entry.title for entry in feed.entries}
    assert titles & {"Rescues Stalled", "Crowd Funding to the Rescue"}
