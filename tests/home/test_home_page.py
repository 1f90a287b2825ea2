"""The home page says who LFNKR is and what a gift does, then the news, appeals and feeds."""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import TestCase
from playwright.sync_api import expect
from wagtail_localize.models import StringTranslation

from core.translation import SAMPLE_TEXT
from home.japanese import HOME_PAGE_TEXTS
from home.models import HomePage, SocialLink
from tests.factories import (
    DonatePageFactory,
    DonationOptionFactory,
    ImageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    japanese,
    translate_page,
)

pytestmark = pytest.mark.django_db

WHO_WE_ARE = "<p>We help North Korean refugees hiding in China.</p>"
WHAT_A_GIFT_DOES = "<p>Your gift pays for a rescue.</p>"


def section(html, css_class):
    """The HTML of the page's <section class="css_class">."""
    found = re.search(rf'<section class="{css_class}"[^>]*>(.*?)</section>', html, re.S)
    assert found, f"no section {css_class}"
    return found.group(1)


def cards(html):
    """{story title: its card's HTML} of the news cards on a page."""
    found = re.findall(r'<article class="news-card[^"]*">(.*?)</article>', html, re.S)
    return {re.search(r"<a [^>]*>([^<]+)</a>", card).group(1): card for card in found}


@pytest.fixture
def year_2014(home):
    return NewsIndexPageFactory(parent=home, year=2014)


def test_what_an_editor_writes_opens_the_home_page_in_both_languages(client, home):
    donate = DonatePageFactory(parent=home)
    home.who_we_are = WHO_WE_ARE
    home.what_a_gift_does = WHAT_A_GIFT_DOES
    home.save_revision().publish()
    translate_page(donate, title="寄付")
    translate_page(
        home,
        who_we_are="<p>中国に潜伏する北朝鮮難民を助けています。</p>",
        what_a_gift_does="<p>ご寄付は救出の費用になります。</p>",
    )

    intro = section(client.get("/en/").content.decode(), "home-intro")
    assert "We help North Korean refugees hiding in China." in intro
    assert "Your gift pays for a rescue." in intro
    assert '<a class="home-donate" href="/en/donate/">Donate</a>' in intro

    intro = section(client.get("/ja/").content.decode(), "home-intro")
    assert "中国に潜伏する北朝鮮難民を助けています。" in intro
    assert "ご寄付は救出の費用になります。" in intro
    assert "ご寄付でできること" in intro
    assert '<a class="home-donate" href="/ja/donate/">寄付する</a>' in intro
    assert "We help" not in intro and "Your gift" not in intro


def test_the_home_page_describes_itself_to_search_engines_with_who_we_are(client, home):
    home.who_we_are = WHO_WE_ARE
    home.save_revision().publish()
    html = client.get("/en/").content.decode()
    assert (
        '<meta name="description" content="We help North Korean refugees hiding in China.">' in html
    )


def test_news_cards_show_a_story_s_lead_photo_when_it_has_one(client, year_2014):
    photo = ImageFactory()
    NewsPageFactory(
        parent=year_2014,
        title="Orphans Reach the Shelter",
        date=datetime.date(2014, 12, 1),
        lead_image=photo,
        lead_image_alt="Three children at the shelter door",
    )
    NewsPageFactory(parent=year_2014, title="Joint Statement", date=datetime.date(2014, 11, 1))
    found = cards(client.get("/en/").content.decode())
    assert list(found) == ["Orphans Reach the Shelter", "Joint Statement"]
    with_photo = found["Orphans Reach the Shelter"]
    assert 'alt="Three children at the shelter door"' in with_photo
    assert re.search(r'<source [^>]*type="image/webp"', with_photo)
    assert 'loading="lazy"' in with_photo
    assert "<img" not in found["Joint Statement"]


def test_japanese_readers_see_untranslated_stories_labelled_in_english(client, home, year_2014):
    translate_page(year_2014, title="2014年のニュース")
    NewsPageFactory(parent=year_2014, title="Whitewash Goes to Prison", summary="Yodok.")
    card = cards(client.get("/ja/").content.decode())["Whitewash Goes to Prison"]
    assert '<span class="language-label">英語</span>' in card
    assert 'lang="en" hreflang="en">Whitewash Goes to Prison</a>' in card
    assert '<div class="news-card__summary" lang="en">' in card


def test_the_follow_block_links_the_feeds_and_the_follow_us_links(client, home):
    SocialLink.objects.create(label="X (Twitter)", url="https://x.com/lfnkr_example")
    follow = section(client.get("/en/").content.decode(), "home-follow")
    assert 'href="/en/news/feed/" type="application/rss+xml">News feed (RSS)</a>' in follow
    assert 'href="/en/news/feed/atom/" type="application/atom+xml">News feed (Atom)</a>' in follow
    assert '<a href="https://x.com/lfnkr_example" rel="me">X (Twitter)</a>' in follow

    translate_page(home)
    follow = section(client.get("/ja/").content.decode(), "home-follow")
    assert 'href="/ja/news/feed/"' in follow
    assert "ニュースフィード（RSS）" in follow


def test_the_ways_to_give_still_reach_home_page_visitors_below_the_first_screen(client, home):
    """The home page's first screen has its own Donate button; the ways to give follow."""
    DonationOptionFactory(label="PayPal", url="https://www.paypal.com/donate/?id=1")
    html = client.get("/en/").content.decode()
    options = html.index('<a href="https://www.paypal.com/donate/?id=1">PayPal</a>')
    assert html.index('id="latest-news-heading"') < options


def run_import():
    call_command("import_archive", stdout=StringIO())


class ImportedHomePageTests(TestCase):
    """A fresh site's import writes both texts from the archive's facts, in both languages."""

    @classmethod
    def setUpTestData(cls):
        run_import()

    def test_the_english_home_page_says_who_lfnkr_is_and_what_a_gift_does(self):
        html = self.client.get("/en/").content.decode()
        intro = section(html, "home-intro")
        assert (
            "Life Funds for North Korean Refugees (LFNKR) is a non-governmental organisation "
            "in Tokyo. We rescue North Korean refugees hiding in China and report on human "
            "rights in North Korea." in intro
        )
        assert "Your gift pays for rescues." in intro
        assert '<a class="home-donate" href="/en/donate/">Donate</a>' in intro

    def test_the_japanese_home_page_reads_in_japanese_flagged_for_translators(self):
        intro = section(self.client.get("/ja/").content.decode(), "home-intro")
        for text in HOME_PAGE_TEXTS.values():
            assert text in intro
        assert "LFNKR) is" not in intro and "Your gift" not in intro
        assert '<a class="home-donate" href="/ja/donate/">寄付する</a>' in intro
        sample = StringTranslation.objects.filter(
            locale=japanese(), context__path="who_we_are", tool_name=SAMPLE_TEXT
        )
        assert sample.exists()


def test_the_import_keeps_the_texts_an_editor_wrote_on_the_home_page(home):
    home.who_we_are = WHO_WE_ARE
    home.save_revision().publish()
    run_import()
    home = HomePage.objects.get(pk=home.pk)
    assert home.who_we_are == WHO_WE_ARE
    assert "Your gift pays for rescues." in home.what_a_gift_does
    # The Japanese page does not translate the import's sentence for the editor's.
    japanese_home = home.get_translation(japanese())
    assert japanese_home.specific.who_we_are != f"<p>{HOME_PAGE_TEXTS['who_we_are']}</p>"


# The site header the lead is designing takes at most this much of a phone's screen.
HEADER_HEIGHT = 170
PHONE = {"width": 390, "height": 844}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("language", ["en", "ja"])
def test_on_a_phone_the_first_screen_says_who_we_are_and_offers_to_donate(
    browser, live_server, language
):
    run_import()
    visitor = browser.new_page(viewport=PHONE)
    visitor.goto(f"{live_server.url}/{language}/")
    intro = visitor.locator(".home-intro")
    donate = intro.locator(".home-donate")
    expect(donate).to_be_visible()
    top = visitor.locator("main").bounding_box()["y"]
    bottom = donate.bounding_box()["y"] + donate.bounding_box()["height"]
    # Below a header of HEADER_HEIGHT, the statement, the gift and the button fit.
    assert bottom - top <= PHONE["height"] - HEADER_HEIGHT
    assert donate.bounding_box()["height"] >= 44
    visitor.close()
