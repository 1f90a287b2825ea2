"""Giving in a browser: the header's Donate button on a phone, and PayPal's form
posted to a stand-in for PayPal that sends the donor back, as PayPal does."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl
from urllib.request import Request, urlopen

import pytest

from campaigns.models import Donation

# PayPal's verification endpoint, a stand-in on 127.0.0.1 (a fixture), and the body
# of a notification as PayPal posts it.
from tests.campaigns.test_paypal import ipn_body, paypal  # noqa: F401
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
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
    paypal_option = DonationOptionFactory(
        label="PayPal", kind="paypal", url="", paypal_account="give@lfnkr.example"
    )
    transfer = DonationOptionFactory(
        label="Postal transfer", kind="transfer", url="", transfer_details="00100-0-000000"
    )
    for option in (paypal_option, transfer):
        option.copy_for_translation(japanese()).save()
    year = NewsIndexPageFactory(parent=home, year=2014)
    story = NewsPageFactory(parent=year, title="Reader Donations Help Rescue 2 Women")
    donate = DonatePageFactory(parent=home, publish=True)
    appeal = CampaignPageFactory(
        parent=CampaignIndexPageFactory(parent=home), title="Rescue fund", goal_amount=100_000
    )
    return {
        "en": {"story": story.url, "donate": donate.url, "appeal": appeal},
        "ja": {
            "story": translate_page(story).url,
            "donate": translate_page(donate, title="寄付する").url,
            "appeal": translate_page(appeal, title="救出募金"),
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


GIVE_TO_THIS_APPEAL = {"en": "Give to this appeal", "ja": "この募金に寄付する"}


def notify(form, **fields):
    """What PayPal posts to the form's notify_url once the gift is made."""
    body = ipn_body(
        custom=form["custom"],
        business=form["business"],
        receiver_email=form["business"],
        mc_currency=form["currency_code"],
        **fields,
    )
    request = Request(  # noqa: S310 (the test's live server)
        form["notify_url"],
        data=body.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status


@pytest.mark.usefixtures("paypal")
@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_gift_to_an_appeal_is_recorded_once_and_shows_in_its_progress(
    browser, live_server, giving_site, paypal_stand_in, language
):
    site = giving_site[language]
    page = browser.new_page(viewport=PHONE)
    page.goto(live_server.url + site["donate"])
    page.get_by_role("link", name=GIVE_TO_THIS_APPEAL[language]).click()
    page.locator("form.paypal-form button").click()
    page.wait_for_url(f"**/{language}/donate/thanks/")
    form = paypal_stand_in[0]
    # PayPal notifies the site, and may send the same notification again.
    assert [notify(form), notify(form)] == [200, 200]
    gift = Donation.objects.get()
    assert (gift.campaign_id, gift.amount, gift.donor_name) == (
        site["appeal"].pk,
        5000,
        "Hanako Sato",
    )
    page.goto(live_server.url + site["appeal"].url)
    assert "5,000" in page.locator(".campaign-progress").first.inner_text()
    page.close()
