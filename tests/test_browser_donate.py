"""Giving in a browser: the header's Donate button on a phone, and PayPal's form
posted to a stand-in for PayPal that sends the donor back, as PayPal does."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

import pytest

from tests.factories import (
    DonatePageFactory,
    DonationOptionFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    japanese,
    translate_page,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def giving_site(home):
    paypal = DonationOptionFactory(
        label="PayPal", kind="paypal", url="", paypal_account="give@lfnkr.example"
    )
    transfer = DonationOptionFactory(
        label="Postal transfer", kind="transfer", url="", transfer_details="00100-0-000000"
    )
    for option in (paypal, transfer):
        option.copy_for_translation(japanese()).save()
    year = NewsIndexPageFactory(parent=home, year=2014)
    story = NewsPageFactory(parent=year, title="Reader Donations Help Rescue 2 Women")
    donate = DonatePageFactory(parent=home, publish=True)
    return {
        "en": {"story": story.url, "donate": donate.url},
        "ja": {
            "story": translate_page(story).url,
            "donate": translate_page(donate, title="寄付する").url,
        },
    }


@pytest.fixture
def paypal_stand_in(settings):
    """A stand-in for PayPal's donate address on 127.0.0.1: it records each form
    posted to it and sends the donor to the form's `return` address."""
    posted = []

    class StandIn(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"])).decode()
            fields = dict(parse_qsl(body))
            posted.append(fields)
            self.send_response(303)
            self.send_header("Location", fields["return"])
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.PAYPAL_DONATE_URL = f"http://127.0.0.1:{server.server_port}/donate"
    yield posted
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_donate_button_is_on_a_phones_first_screen_on_every_page(
    browser, live_server, giving_site, language
):
    pages = giving_site[language]
    label = {"en": "Donate", "ja": "寄付する"}[language]
    page = browser.new_page(viewport=PHONE)
    for path in [f"/{language}/", pages["story"], f"/{language}/search/?q=rescue", pages["donate"]]:
        page.goto(live_server.url + path)
        button = page.locator("header a.donate-button")
        assert button.inner_text() == label, path
        box = button.bounding_box()
        assert box["x"] >= 0 and box["y"] >= 0, path
        assert box["x"] + box["width"] <= PHONE["width"], path
        assert box["y"] + box["height"] <= PHONE["height"], path
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    page.close()


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_donor_gives_through_paypal_and_is_thanked_in_their_language(
    browser, live_server, giving_site, paypal_stand_in, language
):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/{language}/")
    page.locator("header a.donate-button").click()
    page.wait_for_url(f"**{giving_site[language]['donate']}")
    # The transfer details are text to select and copy.
    assert page.locator("pre.copy-text").inner_text() == "00100-0-000000"
    page.locator("form.paypal-form button").click()
    page.wait_for_url(f"**/{language}/donate/thanks/")
    assert page.locator("html").get_attribute("lang") == language
    assert [fields["custom"] for fields in paypal_stand_in] == [f"campaign=&language={language}"]
    assert paypal_stand_in[0]["business"] == "give@lfnkr.example"
    assert paypal_stand_in[0]["return"] == f"{live_server.url}/{language}/donate/thanks/"
    page.close()
