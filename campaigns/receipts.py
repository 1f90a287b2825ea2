"""The thank-you e-mail a donor gets for a gift, in the language they gave in."""

import logging
import smtplib

from django.core.mail import send_mail
from django.utils import formats, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

logger = logging.getLogger(__name__)


def send_receipt(donation, language):
    """E-mail the donor a receipt; a failure is logged for Finance, never raised: the
    gift is recorded, and PayPal must not be told to send the notification again."""
    if not donation.donor_email:
        return
    with translation.override(language):
        subject, body = receipt_text(donation, language)
    try:
        send_mail(subject, body, None, [donation.donor_email])
    except (smtplib.SMTPException, OSError, ValueError):  # ValueError: a bad address
        logger.exception("The receipt for gift %s could not be sent", donation.transaction_id)


def receipt_text(donation, language):
    organisation = _("Life Funds for North Korean Refugees")
    decimals = 0 if donation.currency == "JPY" else 2
    details = {
        "amount": formats.number_format(donation.amount, decimals, force_grouping=True),
        "currency": donation.currency,
        "date": formats.date_format(donation.date_received),
        "transaction": donation.transaction_id,
    }
    lines = [
        _("Dear %(name)s,") % {"name": donation.donor_name} if donation.donor_name else "",
        "",
        _("Thank you for your gift of %(amount)s %(currency)s, received on %(date)s.") % details,
    ]
    if donation.campaign:
        lines.append(
            _("It goes to the appeal “%(campaign)s”.")
            % {"campaign": title_in(donation.campaign, language)}
        )
    lines += [
        _("PayPal transaction ID: %(transaction)s") % details,
        "",
        _("With our heartfelt thanks,"),
        organisation,
    ]
    subject = _("Your gift to %(organisation)s") % {"organisation": organisation}
    return subject, "\n".join(lines).lstrip() + "\n"


def title_in(campaign, language):
    """The appeal's title in the donor's language, where a translation is published."""
    locale = Locale.objects.filter(language_code=language).first()
    page = campaign.get_translation_or_none(locale) if locale else None
    return page.title if page and page.live else campaign.title
