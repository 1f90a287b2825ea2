from django import template

from campaigns.models import DonationOption

register = template.Library()


@register.inclusion_tag("components/donate_call.html")
def donate_call(site_home):
    """Every page's call to donate: the active options and the page explaining their use."""
    use_page = site_home.donation_use_page if site_home else None
    return {
        "donation_options": list(
            DonationOption.objects.active_for_locale(site_home.locale_id if site_home else None)
        ),
        "donation_use_page": use_page if use_page is not None and use_page.live else None,
    }
