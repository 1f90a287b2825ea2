"""What only a browser shows: the layout on a small phone and the search box at work."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.admin_browser import sign_in
from tests.factories import (
    DonatePageFactory,
    DonationOptionFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationAddressFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def archive_site(home):
    OrganisationAddressFactory()
    DonationOptionFactory(label="PayPal")
    year = NewsIndexPageFactory(parent=home, year=2014)
    NewsPageFactory(
        parent=year,
        title="Public Executions Captured on Smuggled Video",
        date=None,
        is_highlight=True,
    )
    return NewsPageFactory(
        parent=year,
        title="Emergency Aid Project Will Send 10 Tons of Corn Noodles",
        date=datetime.date(2014, 9, 10),
        summary="The heaviest rains in 40 years have damaged the grain producing areas.",
    )


@pytest.mark.parametrize("path", ["/en/", "/en/2014/", "story"])
def test_pages_fit_a_320_pixel_phone_without_sideways_scrolling(
    browser, live_server, archive_site, path
):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto(live_server.url + (archive_site.url if path == "story" else path))
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.get_by_role("heading", level=1).is_visible()
    page.close()


def test_a_visitor_searches_from_the_header(browser, live_server, archive_site):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(live_server.url + "/en/")
    page.get_by_role("searchbox", name="Search Website").fill("noodles")
    page.get_by_role("button", name="Search").first.click()
    page.wait_for_url("**/search/?q=noodles")
    result = page.get_by_role(
        "link", name="Emergency Aid Project Will Send 10 Tons of Corn Noodles"
    )
    assert result.is_visible()
    result.click()
    page.wait_for_url(live_server.url + archive_site.url)
    assert page.get_by_role("heading", level=1).inner_text() == archive_site.title
    page.close()


def test_on_a_phone_the_menu_folds_and_opens_to_the_years(browser, live_server, archive_site, home):
    DonatePageFactory(parent=home)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(live_server.url + "/en/")
    header = page.locator("header.site-header")
    year_link = header.get_by_role("link", name="2014", exact=True)
    expect(year_link).to_be_hidden()
    expect(header.get_by_role("link", name="Donate", exact=True)).to_be_in_viewport()
    header.get_by_text("Menu", exact=True).click()
    header.get_by_text("News by year", exact=True).click()
    year_link.click()
    page.wait_for_url(live_server.url + "/en/2014/")
    page.close()


@pytest.mark.parametrize("scripts", [True, False])
def test_on_a_wide_screen_the_menu_is_open_with_or_without_scripts(
    browser, live_server, archive_site, scripts
):
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, java_script_enabled=scripts
    )
    page = context.new_page()
    page.goto(live_server.url + "/en/2014/")
    header = page.locator("header.site-header")
    expect(header.get_by_text("Menu", exact=True)).to_be_hidden()
    header.get_by_text("News by year", exact=True).click()
    expect(header.get_by_role("link", name="2014", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    context.close()


def test_the_skip_link_is_the_first_thing_a_keyboard_reaches(browser, live_server, archive_site):
    page = browser.new_page()
    page.goto(live_server.url + "/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to main content"
    assert page.evaluate("document.activeElement.getBoundingClientRect().left") >= 0
    page.close()


@pytest.fixture
def translator(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("yuki", password="a-translator-passphrase")
    user.groups.add(Group.objects.get(name="Translators"))
    return user


@pytest.fixture
def story_to_translate(home):
    from core.translation import translate_with_sample_text

    translate_with_sample_text(home, {"title": "北朝鮮難民救援基金"})
    year = NewsIndexPageFactory(parent=home, year=2014)
    translate_with_sample_text(year, {"title": "2014年のニュース"})
    return NewsPageFactory(
        parent=year,
        title="Whitewash Goes to Prison",
        date=datetime.date(2014, 10, 29),
        summary="The notorious Yodok Prison Camp is being brightened up.",
        body=[("paragraph", "<p>No prisoners are being freed.</p>")],
    )


def test_a_translator_publishes_a_japanese_story_that_replaces_the_english_one(
    browser, live_server, translator, story_to_translate
):
    visitor = browser.new_page(viewport={"width": 390, "height": 844})
    # Before any translation, Japanese readers find the story, said to be in English.
    visitor.goto(live_server.url + "/ja/2014/")
    english_item = visitor.locator(".news-item").filter(has_text="Whitewash Goes to Prison")
    expect(english_item.locator(".language-label")).to_have_text("英語")
    expect(english_item.get_by_role("link")).to_have_attribute("lang", "en")

    page = sign_in(browser, live_server, "yuki", "a-translator-passphrase")
    # The translation status report is where a translator starts.
    page.get_by_role("link", name="Translation status").click()
    page.get_by_role("row", name="Whitewash Goes to Prison").get_by_role("link").click()
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    page.get_by_role("button", name="Translate", exact=True).first.click()
    page.locator("textarea").first.fill("ホワイトウォッシュ")
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator("textarea")).to_have_count(0)

    # The translator leaves; half-done work waits under "In progress".
    page.goto(live_server.url + "/admin/")
    page.get_by_role("link", name="Translation status").click()
    in_progress = page.locator("section").filter(
        has=page.get_by_role("heading", name="In progress (1)")
    )
    row = in_progress.get_by_role("row").filter(has_text="Whitewash Goes to Prison")
    expect(row).to_contain_text("yuki")
    # Visitors still read the English story meanwhile.
    visitor.goto(live_server.url + "/ja/2014/")
    expect(visitor.locator(".news-item .language-label")).to_have_count(1)

    row.get_by_role("link", name="Continue translating").click()
    for text in [
        "悪名高い耀徳収容所が明るく塗り替えられています。",
        "北朝鮮難民の収容者は一人も解放されていません。",
    ]:
        page.get_by_role("button", name="Translate", exact=True).first.click()
        page.locator("textarea").first.fill(text)
        page.get_by_role("button", name="Save", exact=True).first.click()
        expect(page.locator("textarea")).to_have_count(0)
    page.get_by_role("button", name="Publish in 日本語").click()
    # Every segment was translated: published with no warning of missing translations
    # (the slug is not one of them).
    expect(
        page.get_by_text("Published 'ホワイトウォッシュ' in 日本語.", exact=True)
    ).to_be_visible()

    # The Japanese story replaces the English one in the list, the feed and search, for
    # a visitor whose browser has not kept the list (browsers keep pages a minute).
    visitor.close()
    visitor = browser.new_page(viewport={"width": 390, "height": 844})
    visitor.goto(live_server.url + "/ja/2014/")
    expect(visitor.locator(".news-item .language-label")).to_have_count(0)
    expect(visitor.get_by_role("link", name="ホワイトウォッシュ")).to_have_attribute(
        "href", "/ja/2014/whitewash-goes-to-prison/"
    )
    expect(visitor.get_by_text("Whitewash Goes to Prison")).to_have_count(0)
    feed = visitor.request.get(live_server.url + "/ja/news/feed/").text()
    assert "<title>ホワイトウォッシュ</title>" in feed and "Whitewash" not in feed
    visitor.goto(live_server.url + "/ja/")
    visitor.get_by_role("searchbox", name="サイト内検索").fill("難民")
    visitor.get_by_role("button", name="検索").first.click()
    visitor.wait_for_url("**/ja/search/**")
    visitor.get_by_role("link", name="ホワイトウォッシュ").click()
    visitor.wait_for_url("**/ja/2014/whitewash-goes-to-prison/")
    assert visitor.get_by_role("heading", level=1).inner_text() == "ホワイトウォッシュ"
    assert "2014年10月29日" in visitor.content()
    page.close()
    visitor.close()


def test_japanese_text_is_set_in_japanese_fonts_with_more_leading(
    browser, live_server, story_to_translate
):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(live_server.url + "/ja/2014/")

    def style(selector):
        return page.locator(selector).first.evaluate(
            "element => { const s = getComputedStyle(element);"
            " return [s.fontFamily, parseFloat(s.lineHeight) / parseFloat(s.fontSize)]; }"
        )

    japanese_font, japanese_leading = style("main p")
    assert japanese_font.startswith('"Hiragino Kaku Gothic ProN"')
    assert "Noto Sans CJK JP" in japanese_font
    assert japanese_leading == pytest.approx(1.8, abs=0.01)
    # An untranslated story's English title keeps the English fonts and leading.
    english_font, english_leading = style('.news-item a[lang="en"]')
    assert english_font.startswith("system-ui")
    assert english_leading == pytest.approx(1.55, abs=0.01)
    page.close()


def test_a_visitor_sends_the_contact_form(browser, live_server, home, settings):
    from wagtail.contrib.forms.models import FormSubmission

    from home.setup import create_contact_page
    from tests.factories import OrganisationAddressFactory

    settings.CONTACT_MIN_FILL_SECONDS = 1
    OrganisationAddressFactory()  # its footer links to the contact page
    create_contact_page(home, [])
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(live_server.url + "/en/")
    page.get_by_role("link", name="Contact Us").first.click()
    page.get_by_label("Your name").fill("Hanako")
    page.get_by_label("Your e-mail address").fill("hanako@example.org")
    page.get_by_label("Your message").fill("How can I help the refugees waiting in China?")
    page.wait_for_timeout(1100)  # a person takes longer than a second to write
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thank you. Your message has reached us.")).to_be_visible()
    assert FormSubmission.objects.get().get_data()["your_message"].startswith("How can I help")
    page.close()


@pytest.fixture
def illustrated_story(archive_site):
    from tests.factories import ImageFactory

    archive_site.lead_image = ImageFactory()
    archive_site.body = [
        ("paragraph", "<p>The rains destroyed the harvest.</p>"),
        ("video", {"video": "https://www.youtube.com/watch?v=abcdefghijk", "caption": ""}),
    ]
    archive_site.save_revision().publish()
    return archive_site


def policy_violations(page, urls):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("networkidle")
    return [text for text in messages if "Content Security Policy" in text]


def test_public_pages_break_no_rule_of_the_content_security_policy(
    browser, live_server, illustrated_story
):
    page = browser.new_page()
    urls = [f"{live_server.url}{path}" for path in ["/en/", "/en/2014/", "/en/search/?q=rain"]]
    assert policy_violations(page, [*urls, live_server.url + illustrated_story.url]) == []
    page.close()


def test_the_editors_user_bar_runs_within_the_policy(browser, live_server, illustrated_story):
    from tests.factories import member_of

    member_of("Editors", "hanako")
    page = sign_in(browser, live_server, "hanako")
    assert policy_violations(page, [live_server.url + illustrated_story.url]) == []
    page.get_by_role("button", name="View Wagtail quick actions").click()
    # Wagtail's accessibility checker ran in the page and found nothing to fix.
    expect(page.get_by_role("menuitem", name="0 Checks")).to_be_visible()
    page.close()
