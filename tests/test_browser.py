"""What only a browser shows: the layout on a small phone and the search box at work."""

import datetime

import pytest

from tests.factories import (
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


def test_the_skip_link_is_the_first_thing_a_keyboard_reaches(browser, live_server, archive_site):
    page = browser.new_page()
    page.goto(live_server.url + "/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to main content"
    assert page.evaluate("document.activeElement.getBoundingClientRect().left") >= 0
    page.close()
