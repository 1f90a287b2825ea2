"""PayPal gifts record themselves.

django-paypal receives PayPal's notification (IPN) at /paypal/ipn/, stores it, and
asks PayPal whether it sent it. A notification PayPal does not confirm, or one
django-paypal finds malformed or a repeat of, arrives here as invalid and is only
logged. A confirmed one is recorded as a Donation once, if it is money for us in a
currency we keep accounts in; a refund or reversal is recorded as a negative gift.
Every refusal is logged with its reason and marked on django-paypal's stored copy.
"""

import logging
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponseBadRequest, QueryDict
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from paypal.standard.ipn.views import ipn

from .models import CampaignPage, Currency, Donation, DonationOption
from .receipts import send_receipt

logger = logging.getLogger(__name__)

# Donate buttons send web_accept or donation; a monthly gift sends subscr_payment.
GIFT_TYPES = {"web_accept", "donation", "subscr_payment"}
GIVEN_BACK = {"Refunded", "Reversed"}


class Refused(Exception):
    """A notification that must record nothing; the message says why."""


def verification_url(ipn):
    """Where django-paypal posts a notification back for PayPal to confirm."""
    return settings.PAYPAL_IPN_VERIFY_URL


@csrf_exempt
@require_POST
def receive_notification(request):
    """django-paypal's IPN view, which fails with a 500 (an AssertionError) on a body
    that is not a form: a bot's probe gets a 400, PayPal's notifications go through."""
    if request.content_type != "application/x-www-form-urlencoded":
        return HttpResponseBadRequest("PayPal notifications are form posts.")
    return ipn(request)


def our_paypal_accounts():
    """The business e-mail addresses and merchant IDs a payment must be made to: the
    PayPal donation options' accounts (set in the admin) and PAYPAL_RECEIVER_ACCOUNTS
    (for a hosted Donate button, whose ID names no account)."""
    options = DonationOption.objects.filter(kind=DonationOption.Kind.PAYPAL)
    in_the_admin = options.exclude(paypal_account="").values_list("paypal_account", flat=True)
    return [account for account in [*settings.PAYPAL_RECEIVER_ACCOUNTS, *in_the_admin] if account]


def log_refusal(sender, **kwargs):
    """django-paypal's invalid_ipn_received: not confirmed by PayPal, malformed, a repeat."""
    logger.warning("PayPal notification %s refused: %s", sender.txn_id, sender.flag_info)


def record_notification(sender, **kwargs):
    """django-paypal's valid_ipn_received: PayPal confirmed it sent this notification."""
    ipn = sender
    try:
        donation, language = record(ipn)
    except Refused as refusal:
        logger.warning("PayPal notification %s refused: %s", ipn.txn_id, refusal)
        # A refused notification is no precedent: django-paypal would otherwise take
        # PayPal's resending of it, once PayPal is set up here, for a repeat.
        ipn.set_flag(str(refusal))
        ipn.save(update_fields=["flag", "flag_info"])
        return
    if donation and not donation.refund_of_id:
        send_receipt(donation, language)


def record(ipn):
    """The Donation this notification records and the donor's language, or (None, None)
    for a notification that moves no money (a pending payment, a sign-up ...)."""
    accounts = {account.lower() for account in our_paypal_accounts()}
    if not accounts:
        raise Refused("PayPal is not set up: no account in Donation options › PayPal")
    if not {ipn.receiver_email.lower(), ipn.receiver_id.lower()} & accounts:
        raise Refused(f"paid to {ipn.receiver_email or ipn.receiver_id!r}, not to our account")
    if ipn.payment_status == "Completed" and ipn.txn_type in GIFT_TYPES:
        return record_gift(ipn)
    if ipn.payment_status in GIVEN_BACK:
        return record_refund(ipn), None
    logger.info(
        "PayPal notification %s not counted: %s %s",
        ipn.txn_id,
        ipn.txn_type,
        ipn.payment_status,
    )
    return None, None


def record_gift(ipn):
    amount, fee = checked_amounts(ipn)
    if not amount > 0 or not 0 <= fee <= amount:
        raise Refused(f"malformed amounts: gross {amount}, fee {fee}")
    campaign, language = campaign_and_language(ipn.custom)
    donation = save_once(
        ipn,
        campaign=campaign,
        amount=amount,
        fee=fee,
        currency=ipn.mc_currency,
        donor_name=f"{ipn.first_name} {ipn.last_name}".strip(),
        donor_email=ipn.payer_email,
    )
    return donation, language


def record_refund(ipn):
    amount, fee = checked_amounts(ipn)
    if not amount < 0 or not amount <= fee <= 0:
        raise Refused(f"malformed amounts: gross {amount}, fee {fee}")
    # Without parent_txn_id, no lookup: a None would match every gift typed in by hand.
    gift = ipn.parent_txn_id and Donation.objects.filter(transaction_id=ipn.parent_txn_id).first()
    if not gift:
        raise Refused(f"gives back {ipn.parent_txn_id!r}, which is not recorded here")
    if ipn.mc_currency != gift.currency:
        raise Refused(f"gives back {ipn.mc_currency}, the gift was in {gift.currency}")
    given_back = sum(refund.amount for refund in gift.refunds.all())
    if gift.amount + given_back + amount < 0:
        raise Refused(f"gives back more than the {gift.amount} {gift.currency} given")
    return save_once(
        ipn,
        campaign=gift.campaign,
        amount=amount,
        fee=fee,
        currency=gift.currency,
        donor_name=gift.donor_name,
        donor_email=gift.donor_email,
        refund_of=gift,
        note=f"{ipn.payment_status} by PayPal {ipn.reason_code}".strip(),
    )


def checked_amounts(ipn):
    # PayPal's transaction IDs are at most 19 characters (its IPN reference).
    if not ipn.txn_id or len(ipn.txn_id) > 19:
        raise Refused(f"transaction ID {ipn.txn_id!r} is not PayPal's")
    if ipn.mc_currency not in Currency.values:
        raise Refused(f"currency {ipn.mc_currency!r} is not one we accept")
    if ipn.mc_gross is None:
        raise Refused("no amount")
    return ipn.mc_gross, ipn.mc_fee or Decimal(0)


def campaign_and_language(custom):
    """The Donate button passes `campaign=<page id>&language=<en|ja>` in `custom`."""
    fields = QueryDict(custom)
    language = fields.get("language")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    campaign_id = fields.get("campaign", "")
    campaign = None
    if campaign_id.isdigit():
        campaign = CampaignPage.objects.filter(pk=campaign_id).first()
    return campaign, language


def save_once(ipn, **fields):
    received = timezone.localdate(ipn.payment_date) if ipn.payment_date else None
    try:
        # Its own transaction, so a repeat racing the first fails here alone.
        with transaction.atomic():
            return Donation.objects.create(
                transaction_id=ipn.txn_id,
                channel=Donation.Channel.PAYPAL,
                date_received=received or timezone.localdate(),
                **fields,
            )
    except IntegrityError:
        raise Refused("already recorded") from None
