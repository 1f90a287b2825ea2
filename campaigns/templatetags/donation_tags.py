from django import template
from django.db import DatabaseError
from wagtail.models import Locale, Page

from campaigns.models import DonatePage, DonationOption
from core.memory import remembered

register = template.Library()


@register.inclusion_tag("components/donate_call.html")
def donate_call(locale_id, donation_use_page=None):
    """Every page's call to donate: the active options in the site's language (the active
    language when `locale_id` is empty) and the page explaining how gifts are used."""
    locale_id = locale_id or Locale.get_active().pk
    use_page_id = donation_use_page.pk if donation_use_page else None
    return remembered(
        ("donate-call", locale_id, use_page_id),
        lambda: {
            "donation_options": list(DonationOption.objects.active_for_locale(locale_id)),
            "donation_use_page": public_translation(donation_use_page),
        },
    )


def public_translation(page):
    """The home page's choice is the English page (wagtail-localize keeps page links as
    they are): the visitor reads its translation where there is one. None when the page
    is not public. (Without a home page the template passes "".)"""
    if page and Page.objects.live().public().filter(pk=page.pk).exists():
        return page.localized
    return None


@register.simple_tag
def donate_url_if_reachable():
    """The Donate page's address for the 500 page, which is drawn without the page's
    context: "" when the database cannot say (the page would fail as well)."""
    try:
        donate_page = DonatePage.for_locale(Locale.get_active().pk)
        return donate_page.url if donate_page else ""
    except DatabaseError:
        return ""
