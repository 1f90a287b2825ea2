"""What a reader of one story sees: related stories, the story's figures and quotes, and
what comes out of the printer."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    DonationOptionFactory,
    ImageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationAddressFactory,
    japanese,
    translate_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2014(home):
    return NewsIndexPageFactory(parent=home, year=2014)


def story_on(year, title, date, *topics, **fields):
    story = NewsPageFactory(parent=year, title=title, date=date, **fields)
    if topics:
        story.topics.add(*topics)
        story.save()
    return story


def related_titles(html):
    """The titles the "Related stories" section links to, in order ([] without one)."""
    section = re.search(r'<section class="related-stories".*?</section>', html, re.S)
    if section is None:
        return []
    return re.findall(r'<h3 class="related-story__title">.*?>([^<>]+)</a></h3>', section.group(0))


def test_related_stories_are_those_on_the_same_topic_then_the_same_year_newest_first(
    client, home, year_2014
):
    year_2012 = NewsIndexPageFactory(parent=home, year=2012)
    year_2010 = NewsIndexPageFactory(parent=home, year=2010)
    story = story_on(year_2014, "Shelter in Yanbian", datetime.date(2014, 5, 1), "rescue")
    story_on(year_2010, "Rescue of 2010", datetime.date(2010, 3, 1), "rescue")
    story_on(year_2012, "Rescue of 2012", datetime.date(2012, 3, 1), "rescue")
    story_on(year_2012, "Food aid of 2012", datetime.date(2012, 4, 1), "food aid")
    story_on(year_2014, "Later in 2014", datetime.date(2014, 9, 1))
    story_on(year_2014, "Earlier in 2014", datetime.date(2014, 2, 1))
    story_on(year_2014, "First of 2014", datetime.date(2014, 1, 1))

    html = client.get(story.url).content.decode()

    assert '<h2 id="related-stories-heading">Related stories</h2>' in html
    assert related_titles(html) == ["Rescue of 2012", "Rescue of 2010", "Later in 2014"]


def test_without_a_topic_related_stories_are_the_years_newest_never_the_story_itself(
    client, home, year_2014
):
    story = story_on(year_2014, "The newest of 2014", datetime.date(2014, 12, 1))
    story_on(year_2014, "Older in 2014", datetime.date(2014, 3, 1))
    story_on(year_2014, "Undated 2014 story", None)
    story_on(year_2014, "Draft in 2014", datetime.date(2014, 11, 1), live=False)
    year_2013 = NewsIndexPageFactory(parent=home, year=2013)
    story_on(year_2013, "A 2013 story", datetime.date(2013, 1, 1))

    html = client.get(story.url).content.decode()

    assert related_titles(html) == ["Older in 2014", "Undated 2014 story"]


def test_a_story_alone_in_its_year_and_topic_has_no_related_stories_section(client, year_2014):
    story = story_on(year_2014, "Only story", datetime.date(2014, 5, 1), "rescue")
    assert 'class="related-stories"' not in client.get(story.url).content.decode()


def test_a_japanese_story_relates_translated_stories_and_labels_english_ones(
    client, home, year_2014
):
    story = story_on(year_2014, "Shelter in Yanbian", datetime.date(2014, 5, 1), "rescue")
    translated = story_on(year_2014, "Rescued family", datetime.date(2014, 8, 1), "rescue")
    story_on(year_2014, "Untranslated rescue", datetime.date(2014, 7, 1), "rescue")
    japanese_story = translate_page(story, title="延辺のシェルター")
    translate_page(translated, title="救出された家族")

    html = client.get(japanese_story.url).content.decode()

    assert '<h2 id="related-stories-heading">関連記事</h2>' in html
    assert related_titles(html) == ["救出された家族", "Untranslated rescue"]
    assert "Rescued family" not in html
    # The English story not yet translated is labelled and marked as English.
    assert re.search(
        r'<span class="language-label">英語</span> <a href="/en/2014/[^"]+/" lang="en" '
        r'hreflang="en">Untranslated rescue</a>',
        html,
    )


def count_queries(client, url):
    client.get(url)  # warms Wagtail's cached site root paths, as any earlier visit would
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# The content version, the story with its topics, its translations, its neighbours
# and its related stories: the header, donate bar, footer and breadcrumb come from
# memory (core.memory). It cost 32 queries (34 in Japanese) before issue 16.
STORY_QUERY_BUDGET = 5
JAPANESE_STORY_QUERY_BUDGET = 5


def add_stories(year, count):
    """Stories on the story's topic and others, dated and undated, some with photos."""
    for number in range(count):
        story = NewsPageFactory(
            parent=year,
            date=None if number % 3 == 0 else datetime.date(2014, 1 + number % 12, 1 + number % 28),
            lead_image=ImageFactory() if number % 5 == 0 else None,
        )
        if number % 2:
            story.topics.add("rescue")
            story.save()


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_story_page_costs_the_same_queries_with_10_or_100_stories(client, year_2014, language):
    OrganisationAddressFactory()
    DonationOptionFactory.create_batch(2)
    # Neighbours on either side in the same year, so finding them costs the same each time.
    story_on(year_2014, "Newest", datetime.date(2014, 12, 31))
    story = story_on(year_2014, "The story", datetime.date(2014, 6, 15), "rescue")
    story_on(year_2014, "Oldest", datetime.date(2014, 1, 1))
    if language == "ja":
        translate_page(year_2014, title="2014年のニュース")
        story = translate_page(story, title="翻訳された記事")
    budget = STORY_QUERY_BUDGET if language == "en" else JAPANESE_STORY_QUERY_BUDGET

    add_stories(year_2014, 10)
    with_10 = count_queries(client, story.url)
    add_stories(year_2014, 90)
    with_100 = count_queries(client, story.url)

    assert with_10 == with_100
    assert with_100 <= budget
    assert len(related_titles(client.get(story.url).content.decode())) == 3


def body(*blocks):
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def test_a_pull_quote_shows_the_words_and_who_said_them(client, year_2014):
    story = NewsPageFactory(
        parent=year_2014,
        body=body(
            ("paragraph", "<p>They walked for nine days.</p>"),
            ("quote", {"text": "We had not eaten for three days.", "attribution": "A mother"}),
        ),
    )
    html = client.get(story.url).content.decode()
    assert re.search(
        r'<figure class="block-quote">\s*<blockquote><p>We had not eaten for three days.</p>'
        r'</blockquote>\s*<figcaption class="block-quote__attribution">A mother</figcaption>',
        html,
    )


def test_a_photo_in_the_story_is_a_figure_with_its_caption(client, year_2014):
    image = ImageFactory()
    story = NewsPageFactory(
        parent=year_2014,
        body=body(
            (
                "image",
                {"image": image.pk, "alt_text": "The shelter's door", "caption": "The shelter."},
            ),
        ),
    )
    html = client.get(story.url).content.decode()
    figure = re.search(r'<figure class="block-image">(.*?)</figure>', html, re.S).group(1)
    assert 'alt="The shelter&#x27;s door"' in figure
    assert '<figcaption class="block-image__caption">The shelter.</figcaption>' in figure


@pytest.fixture
def story_to_print(home):
    """A story with a link to another site, as a reader would print it, in English and
    translated, with the site's address, donation options and other stories around it."""
    OrganisationAddressFactory()
    OrganisationAddressFactory(
        locale=japanese(), name="北朝鮮難民救援基金", representative="加藤博"
    )
    DonationOptionFactory(label="PayPal")
    DonationOptionFactory(label="PayPal", locale=japanese())
    year = NewsIndexPageFactory(parent=home, year=2014)
    story_on(year, "Another rescue", datetime.date(2014, 3, 1), "rescue")
    story = story_on(
        year,
        "Emergency Aid Reaches a Border Shelter",
        datetime.date(2014, 9, 12),
        "rescue",
        body=body(
            (
                "paragraph",
                '<p>The <a href="https://www.example.org/un-report">UN report</a> '
                "confirms the shortages.</p>",
            ),
            ("quote", {"text": "We had not eaten for three days.", "attribution": "A mother"}),
        ),
    )
    translate_page(year, title="2014年のニュース")
    translate_page(story, title="国境のシェルターに緊急支援")
    return story


def printed_text(page):
    """The text a printer puts on paper (what a print stylesheet hides has no innerText)."""
    page.emulate_media(media="print")
    return page.evaluate("document.body.innerText")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(
    "language, title, representative, share, related",
    [
        (
            "en",
            "Emergency Aid Reaches a Border Shelter",
            "Kato Hiroshi",
            "Share this story",
            "Related stories",
        ),
        ("ja", "国境のシェルターに緊急支援", "加藤博", "この記事を共有", "関連記事"),
    ],
)
def test_a_printed_story_keeps_its_words_and_link_addresses_not_the_sites_menus(
    browser, live_server, story_to_print, language, title, representative, share, related
):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/{language}/2014/{story_to_print.slug}/")
    on_screen = page.evaluate("document.body.innerText")
    assert share in on_screen and related in on_screen and "PayPal" in on_screen
    assert page.get_by_role("search").is_visible()

    on_paper = printed_text(page)

    assert title in on_paper
    assert "We had not eaten for three days." in on_paper
    assert representative in on_paper  # the organisation's name and address, in the footer
    for screen_only in (share, related, "PayPal", "X (Twitter)"):
        assert screen_only not in on_paper
    assert not page.get_by_role("banner").is_visible()  # name, menu, search, languages
    assert not page.get_by_role("search").is_visible()
    assert not page.get_by_role("contentinfo").get_by_role("navigation").first.is_visible()
    link = page.get_by_role("link", name="UN report")
    after_link = link.evaluate("link => getComputedStyle(link, '::after').content")
    assert "https://www.example.org/un-report" in after_link
    # Black on white, the footer's address too (light on dark on the screen).
    for printed in (page.get_by_text("confirms the shortages"), page.locator("address")):
        assert printed.evaluate("element => getComputedStyle(element).color") == "rgb(0, 0, 0)"
        assert printed.evaluate(
            "element => { for (let e = element; e; e = e.parentElement) {"
            " const b = getComputedStyle(e).backgroundColor;"
            " if (b !== 'rgba(0, 0, 0, 0)') return b; } return 'rgb(255, 255, 255)'; }"
        ) in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    page.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_story_reads_in_one_column_no_wider_than_the_measure(
    browser, live_server, story_to_print, language
):
    url = f"{live_server.url}/{language}/2014/{story_to_print.slug}/"
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    measure = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize) * 40")
    paragraph = page.get_by_text("confirms the shortages").bounding_box()
    assert 0.9 * measure <= paragraph["width"] <= measure
    page.close()

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone.get_by_text("confirms the shortages").bounding_box()["width"] > 300
    phone.close()
