"""Around a story: breadcrumb, older and newer stories, sharing, follow-us links, topics."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from home.models import SocialLink
from news.models import NewsPage
from tests.factories import NewsIndexPageFactory, NewsPageFactory, translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(home):
    year_2013 = NewsIndexPageFactory(parent=home, year=2013, title="News from 2013")
    year_2014 = NewsIndexPageFactory(parent=home, year=2014, title="News from 2014")
    story = lambda year, title, date: NewsPageFactory(parent=year, title=title, date=date)  # noqa: E731
    return {
        "december_2013": story(year_2013, "December 2013", datetime.date(2013, 12, 12)),
        "march_2014": story(year_2014, "March 2014", datetime.date(2014, 3, 15)),
        "may_2014": story(year_2014, "May 2014", datetime.date(2014, 5, 23)),
        "undated_2014": story(year_2014, "Undated 2014", None),
    }


def test_a_story_has_a_breadcrumb_home_year_story(client, archive):
    html = client.get(archive["may_2014"].url).content.decode()
    crumb = html.split('class="breadcrumb"')[1].split("</nav>")[0]
    assert '<a href="/en/">Home</a>' in crumb
    assert '<a href="/en/2014/">News from 2014</a>' in crumb
    assert '<span aria-current="page">May 2014</span>' in crumb


@pytest.mark.parametrize(
    ("story", "newer", "older"),
    [
        ("may_2014", None, "march_2014"),
        ("march_2014", "may_2014", "undated_2014"),
        ("undated_2014", "march_2014", "december_2013"),  # across the year boundary
        ("december_2013", "undated_2014", None),
    ],
)
def test_a_story_links_the_older_and_newer_ones_in_archive_order(
    client, archive, story, newer, older
):
    html = client.get(archive[story].url).content.decode()
    if newer:
        assert f'href="{archive[newer].url}" rel="next">Newer: {archive[newer].title}<' in html
    else:
        assert 'rel="next"' not in html
    if older:
        assert f'href="{archive[older].url}" rel="prev">Older: {archive[older].title}<' in html
    else:
        assert 'rel="prev"' not in html


def test_following_older_and_newer_links_walks_the_year_in_listing_order(client, home):
    """Stories of the same day and several undated ones, in both directions."""
    year = NewsIndexPageFactory(parent=home, year=2014)
    days = [5, 5, None, 9, 5, None, 1, 9, None]
    stories = [
        NewsPageFactory(parent=year, title=f"Story {n}", date=day and datetime.date(2014, 3, day))
        for n, day in enumerate(days)
    ]
    in_listing_order = sorted(
        stories, key=lambda story: (story.date is not None, story.date, story.pk), reverse=True
    )

    def walk(start, rel):
        url, titles = start.url, []
        while True:
            html = client.get(url).content.decode()
            titles.append(re.search(r"<h1>([^<]+)</h1>", html)[1])
            link = re.search(rf'href="([^"]+)" rel="{rel}"', html)
            if link is None:
                return titles
            url = link[1]

    titles = [story.title for story in in_listing_order]
    assert walk(in_listing_order[0], "prev") == titles
    assert walk(in_listing_order[-1], "next") == titles[::-1]


def test_share_links_are_plain_links_with_the_story_address(client, archive):
    html = client.get(archive["may_2014"].url).content.decode()
    address = "http%3A%2F%2Flocalhost%2Fen%2F2014%2Fmay-2014%2F"
    assert f'href="https://twitter.com/intent/tweet?url={address}&amp;text=May%202014"' in html
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={address}"' in html
    assert f'href="https://social-plugins.line.me/lineit/share?url={address}"' in html
    assert f'href="mailto:?subject=May%202014&amp;body={address}"' in html
    # No network's script: the only script is the site's own menu.
    assert re.findall(r'<script src="([^"]+)"', html) == ["/static/js/site-menu.js"]


def test_follow_us_links_editors_manage_are_in_every_footer(client, archive):
    SocialLink.objects.create(label="X (Twitter)", url="https://x.com/lfnkr_example", sort_order=1)
    for url in ["/en/", "/en/2014/", archive["may_2014"].url]:
        html = client.get(url).content.decode()
        assert '<a href="https://x.com/lfnkr_example" rel="me">X (Twitter)</a>' in html


def test_a_topic_lists_its_stories_in_the_visitors_language(client, archive):
    tagged = [archive["may_2014"], archive["december_2013"]]
    for story in tagged:
        story.topics.add("rescue")
        story.save()
    html = client.get(archive["may_2014"].url).content.decode()
    assert '<a href="/en/topics/rescue/" rel="tag">rescue</a>' in html
    listing = client.get("/en/topics/rescue/").content.decode()
    assert "<h1>Topic: rescue</h1>" in listing
    assert listing.index("May 2014") < listing.index("December 2013")
    assert "March 2014" not in listing
    translate_page(archive["may_2014"], title="五月の記事")
    japanese = client.get("/ja/topics/rescue/").content.decode()
    # The translation replaces its English story; the untranslated one is labelled.
    assert "五月の記事" in japanese and ">May 2014<" not in japanese
    assert re.search(
        r'英語</span> <a href="[^"]+" lang="en" hreflang="en">December 2013</a>', japanese
    )
    assert client.get("/en/topics/no-such-topic/").status_code == 404
    assert client.get("/en/topics/rescue/?page=abc").status_code == 200


def test_a_storys_topics_are_listed_in_the_order_given_and_escaped(client, archive):
    story = archive["may_2014"]
    for topic in ["UN", "food aid", "<rescue>"]:
        story.topics.add(topic)
        story.save()
    html = client.get(story.url).content.decode()
    listed = re.findall(r'<a href="/en/topics/([^/]+)/" rel="tag">([^<]+)</a>', html)
    saved = NewsPage.objects.get(pk=story.pk)
    given = [(topic.slug, escape(topic.name)) for topic in saved.topics.all()]
    assert listed == given
    assert ("rescue", "&lt;rescue&gt;") in listed


def test_a_topic_listing_uses_the_same_number_of_queries_for_few_or_many(client, home):
    year = NewsIndexPageFactory(parent=home, year=2014)

    def add(count):
        for story in NewsPageFactory.create_batch(count, parent=year):
            story.topics.add("food aid")
            story.save()

    def queries():
        client.get("/en/topics/food-aid/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/topics/food-aid/").status_code == 200
        return len(captured)

    add(3)
    few = queries()
    add(30)
    assert queries() == few


def test_every_page_of_a_topic_lists_its_stories_in_the_listings_order(client, home):
    """Four pages of 61 stories over three years: the first read from the newest, the
    middle two each stepping over stories (from the newest, then from the oldest), the
    last from the oldest."""
    years = {year: NewsIndexPageFactory(parent=home, year=year) for year in (2012, 2013, 2014)}
    on_topic = []
    for number in range(91):
        year = 2012 + number % 3
        undated = number % 9 == 0
        day = None if undated else datetime.date(year, 1 + number % 12, 1 + number % 27)
        story = NewsPageFactory(parent=years[year], date=day, title=f"Story {number}")
        if number % 3 != 1:  # two in three, so the topic skips stories in every year
            story.topics.add("rescue")
            story.save()
            on_topic.append(story)
    assert len(on_topic) == 61
    newest_first = sorted(
        on_topic,
        key=lambda s: (s.filed_year, s.date is not None, s.date or datetime.date.min, s.pk),
        reverse=True,
    )

    listed = []
    for page in (1, 2, 3, 4):
        html = client.get(f"/en/topics/rescue/?page={page}").content.decode()
        listed += re.findall(r'class="news-item__title"><a href="[^"]+">(Story \d+)</a>', html)

    assert listed == [story.title for story in newest_first]


def test_a_highlight_known_only_by_its_title_says_so_and_leads_to_its_year(client, home):
    year = NewsIndexPageFactory(parent=home, year=2002)
    highlight = NewsPageFactory(
        parent=year, title="NGO Head Arrested", date=None, summary="", is_highlight=True
    )
    html = client.get(highlight.url).content.decode()
    assert "From the 2002 archive: only the title of this story survives." in html
    assert '<a href="/en/2002/">More news from 2002</a></p>' in html
    japanese = translate_page(highlight, title="NGO代表逮捕")
    html = client.get(japanese.url).content.decode()
    assert "2002年のアーカイブより：この記事は見出しだけが残っています。" in html


def test_a_japanese_storys_untranslated_neighbour_is_labelled_english(client, home):
    year = NewsIndexPageFactory(parent=home, year=2014)
    older = NewsPageFactory(parent=year, title="Older in English", date=datetime.date(2014, 1, 2))
    story = NewsPageFactory(parent=year, title="Translated", date=datetime.date(2014, 2, 3))
    japanese = translate_page(story, title="翻訳済みの記事")
    html = client.get(japanese.url).content.decode()
    assert (
        f'<a href="{older.url}" rel="prev">古い記事： <span class="language-label">英語</span> '
        '<span lang="en">Older in English</span></a>'
    ) in html
