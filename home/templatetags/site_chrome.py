"""The parts every public page shares: header, menu and footer."""

from django import template
from django.conf import settings
from wagtail.models import Locale

from home.cache import content_version
from home.models import HomePage, OrganisationAddress, SocialLink

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
    from news.models import news_years

    return {
        "request": context["request"],
        "page": context.get("page"),
        "site_home": site_home,
        "address": address,
        # A listing page has the years in its context already.
        "years": context.get("years") or (news_years(site_home) if site_home else []),
        "search_query": context.get("search_query", ""),
    }


@register.inclusion_tag("components/site_footer.html")
def site_footer(address):
    locale_id = address.locale_id if address else None
    return {
        "address": address,
        "social_links": SocialLink.objects.filter(locale_id=locale_id or Locale.get_active().pk),
    }


@register.simple_tag
def get_fragment_cache():
    """How long shared fragments are kept, and the content version in their keys:
    the version changes whenever content is published, so no fragment outlives it."""
    return {"seconds": settings.FRAGMENT_CACHE_SECONDS, "version": content_version()}
