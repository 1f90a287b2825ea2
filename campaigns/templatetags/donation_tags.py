from django import template
from wagtail.models import Page

from campaigns.models import DonationOption

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
