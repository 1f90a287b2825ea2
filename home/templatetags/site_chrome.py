"""The parts every public page shares: header, menu and footer."""

from django import template
from django.utils.translation import get_language
from wagtail.models import Locale

from campaigns.models import DonatePage
from core.memory import remembered
from home.models import HomePage, OrganisationAddress, SocialLink
from news.models import news_years_with_counts

register = template.Library()


@register.simple_tag(takes_context=True)
def get_site_home(context):
    """The home page for this request in the active language, or None."""
    request = context.get("request")
    return HomePage.for_request(request) if request is not None else None


@register.simple_tag
def get_organisation_address(site_home):
    """The address in the language of the site being shown."""
    return OrganisationAddress.for_locale(site_home.locale_id if site_home else None)


@register.inclusion_tag("components/site_header.html", takes_context=True)
def site_header(context, site_home, address):
    return {
        "request": context["request"],
        "page": context.get("page"),
        "site_home": site_home,
        "address": address,
        "logo": address.logo if address and address.logo_id else None,
        # A listing page has the news years in its context already.
        "news_years": context.get("news_years")
        or (news_years_with_counts(site_home) if site_home else []),
        "search_query": context.get("search_query", ""),
        "donate_page": DonatePage.for_locale(site_home.locale_id) if site_home else None,
    }


@register.inclusion_tag("components/site_footer.html")
def site_footer(address):
    locale_id = address.locale_id if address else None
    donate_page = DonatePage.for_locale(locale_id or Locale.get_active().pk)
    return {
        "address": address,
        "donate_page": donate_page,
        "trust_pages": remembered(("trust-pages", donate_page.pk), donate_page.trust_links)
        if donate_page
        else [],
        "postal_lines": address.postal_lines(get_language()) if address else [],
        "social_links": SocialLink.for_locale(locale_id or Locale.get_active().pk),
    }
