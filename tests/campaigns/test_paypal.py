"""PayPal gifts record themselves: notifications (IPN) as PayPal sends them, confirmed
by a stand-in for PayPal's verification endpoint on 127.0.0.1."""

import logging
import socket
import threading
from datetime import datetime
from decimal import Decimal
from email import message_from_bytes
from email.header import decode_header, make_header
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.utils import timezone

from campaigns.models import Donation
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    DonationOptionFactory,
    translate_page,
)

pytestmark = pytest.mark.django_db

IPN_URL = "/paypal/ipn/"
OUR_EMAIL = "gifts@lfnkr.example"
OUR_MERCHANT_ID = "S8XGHLYDW9T3S"


class PayPalStandIn(BaseHTTPRequestHandler):
    """PayPal's verification endpoint: answers VERIFIED or INVALID, as the test says."""

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self.server.postbacks.append(body)
        answer = self.server.answer.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=UTF-8")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format, *args):
        pass


@pytest.fixture
def paypal(settings):
    """The stand-in, its address in the setting, and our account set up."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), PayPalStandIn)
    server.answer = "VERIFIED"
    server.postbacks = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.PAYPAL_IPN_VERIFY_URL = f"http://127.0.0.1:{server.server_port}/cgi-bin/webscr"
    settings.PAYPAL_RECEIVER_ACCOUNTS = [OUR_EMAIL]
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def campaign(home):
    return CampaignPageFactory(
        parent=CampaignIndexPageFactory(parent=home), title="Rescue fund", goal_amount=100_000
    )


def paypal_time():
    """payment_date as PayPal writes it: Pacific time, e.g. 20:12:59 Nov 27, 2026 PST."""
    now = datetime.now(ZoneInfo("America/Los_Angeles"))
    return now.strftime("%H:%M:%S %b %d, %Y ") + now.tzname()


def ipn_body(**fields):
    """What PayPal posts for a payment made with a Donate button, with `fields` changed."""
    body = {
        "mc_gross": "5000",
        "protection_eligibility": "Eligible",
        "payer_id": "LPLWNMTBWMFAY",
        "payment_date": paypal_time(),
        "payment_status": "Completed",
        "charset": "UTF-8",
        "first_name": "Hanako",
        "mc_fee": "224",
        "notify_version": "3.9",
        "custom": "",
        "payer_status": "verified",
        "business": OUR_EMAIL,
        "quantity": "0",
        "verify_sign": "AtkOfCXbDm2hu0ZELryHFjY-Vb7PAUvS6nMXgysbElEn9v-1XcmSoGtf",
        "payer_email": "hanako@example.jp",
        "txn_id": "61E67681CH3238416",
        "payment_type": "instant",
        "last_name": "Sato",
        "receiver_email": OUR_EMAIL,
        "payment_fee": "",
        "receiver_id": OUR_MERCHANT_ID,
        "txn_type": "donation",
        "item_name": "Rescue fund",
        "mc_currency": "JPY",
        "item_number": "",
        "residence_country": "JP",
        "handling_amount": "0",
        "transaction_subject": "",
        "payment_gross": "",
        "shipping": "0",
        "ipn_track_id": "b2c6c0e4a9f1d",
    }
    body.update(fields)
    return urlencode(body)


def refund_body(**fields):
    """What PayPal posts when that gift is refunded: a new txn_id, the gift's as parent."""
    refund = {
        "payment_status": "Refunded",
        "reason_code": "refund",
        "parent_txn_id": "61E67681CH3238416",
        "txn_id": "9TW83374CN2164631",
        "txn_type": "",
        "mc_gross": "-5000",
        "mc_fee": "-224",
    }
    return ipn_body(**(refund | fields))


def notify(client, body):
    response = client.post(IPN_URL, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    return response


def refusals(caplog):
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "campaigns.paypal" and record.levelno == logging.WARNING
    ]


def test_a_confirmed_gift_is_recorded_once_with_fee_net_and_campaign(client, paypal, campaign):
    assert "0%" in client.get(campaign.url).content.decode()
    body = ipn_body(custom=f"campaign={campaign.pk}&language=en")
    notify(client, body)
    # django-paypal asked the stand-in about exactly what was posted.
    assert paypal.postbacks == [f"cmd=_notify-validate&{body}"]
    gift = Donation.objects.get()
    assert gift.transaction_id == "61E67681CH3238416"
    assert (gift.amount, gift.fee, gift.net) == (Decimal(5000), Decimal(224), Decimal(4776))
    assert gift.currency == "JPY" and gift.channel == Donation.Channel.PAYPAL
    assert gift.campaign.pk == campaign.pk
    assert gift.donor_name == "Hanako Sato" and gift.donor_email == "hanako@example.jp"
    assert gift.date_received == timezone.localdate()
    page = client.get(campaign.url).content.decode()
    assert 'value="5000"' in page and "5%" in page
    assert len(mail.outbox) == 1


def test_a_replayed_notification_records_nothing_more_and_sends_no_second_receipt(
    client, paypal, campaign, caplog
):
    body = ipn_body(custom=f"campaign={campaign.pk}&language=en")
    notify(client, body)
    notify(client, body)
    # After a notification of another status, django-paypal's own check lets it through.
    notify(client, ipn_body(payment_status="Pending"))
    notify(client, body)
    assert Donation.objects.count() == 1
    assert len(mail.outbox) == 1
    assert len(refusals(caplog)) == 2
    assert "Duplicate txn_id" in refusals(caplog)[0]
    assert "already recorded" in refusals(caplog)[1]
    assert campaign.raised == Decimal(5000)


def test_a_notification_paypal_does_not_confirm_records_nothing(client, paypal, campaign, caplog):
    paypal.answer = "INVALID"
    notify(client, ipn_body(custom=f"campaign={campaign.pk}&language=en"))
    assert len(paypal.postbacks) == 1
    assert not Donation.objects.exists() and mail.outbox == []
    assert "Invalid postback. (INVALID)" in refusals(caplog)[0]


def test_a_sandbox_notification_is_checked_with_the_configured_endpoint(client, paypal, caplog):
    """test_ipn=1 would send django-paypal to PayPal's sandbox, which confirms play money."""
    paypal.answer = "INVALID"  # what PayPal's live endpoint says of a sandbox payment
    notify(client, ipn_body(test_ipn="1"))
    assert len(paypal.postbacks) == 1
    assert not Donation.objects.exists()


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"receiver_email": "someone@else.example", "receiver_id": "X"}, "not to our account"),
        ({"mc_currency": "EUR"}, "currency 'EUR' is not one we accept"),
        ({"mc_gross": "-5000"}, "malformed amounts"),
        ({"mc_fee": "6000"}, "malformed amounts"),
        ({"mc_gross": "five thousand"}, "Invalid form"),
        ({"payment_date": "yesterday"}, "Invalid form"),
        ({"txn_id": "X" * 40}, "is not PayPal's"),
    ],
    ids=["receiver", "currency", "negative", "fee", "amount", "date", "txn_id"],
)
def test_a_wrong_or_malformed_notification_records_nothing(
    client, paypal, campaign, caplog, fields, reason
):
    notify(client, ipn_body(custom=f"campaign={campaign.pk}&language=en", **fields))
    assert not Donation.objects.exists() and mail.outbox == []
    assert len(refusals(caplog)) == 1
    assert reason in refusals(caplog)[0]
    assert campaign.raised == 0


def test_the_merchant_id_is_our_account_too(client, paypal, settings):
    settings.PAYPAL_RECEIVER_ACCOUNTS = [OUR_MERCHANT_ID]
    notify(client, ipn_body(receiver_email="another-address@lfnkr.example"))
    assert Donation.objects.count() == 1


def test_the_account_entered_in_the_paypal_option_is_our_account(client, paypal, settings):
    settings.PAYPAL_RECEIVER_ACCOUNTS = []
    DonationOptionFactory(label="PayPal", kind="paypal", url="", paypal_account=OUR_EMAIL.upper())
    notify(client, ipn_body())
    assert Donation.objects.count() == 1


@pytest.mark.parametrize("accounts", [[], [""]])
def test_without_an_account_paypal_is_not_set_up_and_nothing_counts(
    client, paypal, settings, caplog, accounts
):
    settings.PAYPAL_RECEIVER_ACCOUNTS = accounts
    notify(client, ipn_body())
    assert not Donation.objects.exists() and mail.outbox == []
    assert "PayPal is not set up" in refusals(caplog)[0]
    # Once set up, PayPal's resending of the same notification counts.
    settings.PAYPAL_RECEIVER_ACCOUNTS = [OUR_EMAIL]
    notify(client, ipn_body())
    assert Donation.objects.count() == 1


@pytest.mark.parametrize("status", ["Refunded", "Reversed"])
def test_a_refund_is_recorded_once_and_the_campaign_total_goes_down(
    client, paypal, campaign, status
):
    notify(client, ipn_body(custom=f"campaign={campaign.pk}&language=en"))
    assert campaign.raised == Decimal(5000)
    notify(client, refund_body(payment_status=status))
    notify(client, refund_body(payment_status=status))
    refund = Donation.objects.get(refund_of__transaction_id="61E67681CH3238416")
    assert refund.amount == Decimal(-5000) and refund.net == Decimal(-4776)
    assert refund.campaign.pk == campaign.pk and status in refund.note
    assert Donation.objects.count() == 2
    assert campaign.raised == 0
    assert 'value="0"' in client.get(campaign.url).content.decode()
    assert len(mail.outbox) == 1  # the gift's receipt; none for the refund


def test_a_refund_of_an_unknown_gift_or_of_more_than_was_given_records_nothing(
    client, paypal, campaign, caplog
):
    Donation.objects.create(amount=5000, channel="transfer")  # typed in: no transaction ID
    notify(client, refund_body())
    notify(client, refund_body(parent_txn_id="", txn_id="8MC585209K746392H"))
    assert "not recorded here" in refusals(caplog)[0]
    assert "not recorded here" in refusals(caplog)[1]
    notify(client, ipn_body())
    notify(client, refund_body(mc_gross="-3000", mc_fee="0"))
    notify(client, refund_body(txn_id="5UX04285TS0471927", mc_gross="-3000", mc_fee="0"))
    assert "more than" in refusals(caplog)[2]
    assert Donation.objects.filter(refund_of__isnull=False).count() == 1


def test_an_unknown_campaign_or_language_gives_general_funds_in_english(client, paypal):
    notify(client, ipn_body(custom="campaign=999999&language=xx"))
    assert Donation.objects.get().campaign is None
    assert mail.outbox[0].subject == "Your gift to Life Funds for North Korean Refugees"


def test_a_pending_payment_counts_once_it_completes(client, paypal):
    notify(client, ipn_body(payment_status="Pending", pending_reason="echeck"))
    assert not Donation.objects.exists()
    notify(client, ipn_body())
    assert Donation.objects.count() == 1


def test_the_receipt_is_in_english_with_amount_date_and_campaign(client, paypal, campaign):
    notify(client, ipn_body(custom=f"campaign={campaign.pk}&language=en"))
    (receipt,) = mail.outbox
    assert receipt.to == ["hanako@example.jp"]
    assert receipt.subject == "Your gift to Life Funds for North Korean Refugees"
    assert "Dear Hanako Sato," in receipt.body
    assert "your gift of 5,000 JPY" in receipt.body
    assert timezone.localdate().strftime("%Y") in receipt.body
    assert "“Rescue fund”" in receipt.body and "61E67681CH3238416" in receipt.body


def test_the_receipt_is_in_japanese_for_a_japanese_donor(client, paypal, campaign):
    translated = translate_page(campaign, title="救出基金")
    translated.save_revision().publish()
    custom = urlencode({"campaign": translated.pk, "language": "ja"})
    notify(client, ipn_body(custom=custom, first_name="花子", last_name="佐藤"))
    (receipt,) = mail.outbox
    assert receipt.subject == "北朝鮮難民救援基金へのご寄付ありがとうございました"
    today = timezone.localdate()
    assert f"{today.year}年{today.month}月{today.day}日に 5,000 JPY のご寄付" in receipt.body
    assert "「救出基金」" in receipt.body and "花子 佐藤 様" in receipt.body
    assert Donation.objects.get().campaign.pk == translated.pk
    assert campaign.raised == Decimal(5000)  # one appeal, in either language


class Inbox:
    """An aiosmtpd handler keeping what the SMTP server received."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    yield inbox
    controller.stop()


def test_the_receipt_goes_out_through_an_smtp_server_once(client, paypal, smtp_server):
    body = ipn_body(custom="language=ja")
    notify(client, body)
    notify(client, body)
    (envelope,) = smtp_server.envelopes
    assert envelope.rcpt_tos == ["hanako@example.jp"]
    message = message_from_bytes(envelope.content)
    assert str(make_header(decode_header(message["Subject"]))).startswith("北朝鮮難民救援基金")
    assert "5,000 JPY" in message.get_payload(decode=True).decode(message.get_content_charset())


def test_a_receipt_that_cannot_be_sent_is_logged_and_the_gift_kept(
    client, paypal, settings, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    notify(client, ipn_body())
    assert Donation.objects.count() == 1
    assert "could not be sent" in caplog.text


@pytest.mark.parametrize(
    "content_type", ["application/json", "text/plain", "multipart/form-data; boundary=x"]
)
def test_a_notification_that_is_not_a_form_is_refused_not_a_server_error(
    client, paypal, content_type
):
    response = client.post(IPN_URL, data="{}", content_type=content_type)
    assert response.status_code == 400
    assert not Donation.objects.exists()
