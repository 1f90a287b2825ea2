from django import template
from django.db import DatabaseError
from wagtail.models import Locale, Page

from campaigns.models import DonatePage, DonationOption

register = template.Library()


@register.inclusion_tag("components/donate_call.html")
def donate_call(locale_id, donation_use_page=None):
    """Every page's call to donate: the active options in the site's language (the active
    language when `locale_id` is empty) and the page explaining how gifts are used."""
    # Without a home page the template passes "" for both.
    is_public = (
        bool(donation_use_page)
        and Page.objects.live().public().filter(pk=donation_use_page.pk).exists()
    )
    # The home page's choice is the English page (wagtail-localize keeps page links
    # as they are): the visitor reads its translation where there is one.
    return {
        "donation_options": list(DonationOption.objects.active_for_locale(locale_id or None)),
        "donation_use_page": donation_use_page.localized if is_public else None,
    }


@register.simple_tag
def donate_url_if_reachable():
    """The Donate page's address for the 500 page, which is drawn without the page's
    context: "" when the database cannot say (the page would fail as well)."""
    try:
        donate_page = DonatePage.for_locale(Locale.get_active().pk)
        return donate_page.url if donate_page else ""
    except DatabaseError:
        return ""
