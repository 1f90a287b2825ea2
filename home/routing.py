"""Serving a page: the addresses visitors use most, found in one query or none.

Wagtail finds a page by walking the tree from the site's root, a query or two per
level of the address. The home pages and the pages just below them (news years,
contact, Donate ...) are remembered per content version (core.memory); a story is
one indexed query on its address (url_path). Anything else, and any address not
found this way, goes to Wagtail's own routing, which answers as it always did.
"""

from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, Site
from wagtail.url_routing import RouteResult

from core.memory import remembered
from core.pages import home_page, upper_pages
from news.models import NewsIndexPage, NewsPage

from .models import HomePage


def serve(request, path):
    """Wagtail's serve view (hooks, privacy, 404s), told the page where it is known."""
    page = find_page(request, path)
    if page is not None:
        # Page.route_for_request takes a route already found from the request.
        request._wagtail_route_for_request = RouteResult(page)
    return wagtail_views.serve(request, path)


def find_page(request, path):
    site = Site.find_for_request(request)
    if site is None:
        return None
    home = home_page(site, Locale.get_active(), model=HomePage)
    if home is None or not home.live:
        return None
    slugs = [slug for slug in path.split("/") if slug]
    if not slugs:
        return home
    section = sections_of(home).get(slugs[0])
    # A routable page (Donate) routes what follows its address itself.
    if section is None or isinstance(section, RoutablePageMixin):
        return None
    if len(slugs) == 1:
        return section
    if len(slugs) == 2 and isinstance(section, NewsIndexPage):
        return (
            NewsPage.objects.live()
            .filter(url_path=f"{section.url_path}{slugs[1]}/")
            .select_related("locale", "lead_image")
            .first()
        )
    return None


def sections_of(home):
    """{slug: page} of the live pages just below `home`, each as its own page type."""
    return remembered(
        ("sections", home.pk),
        lambda: {
            page.slug: page
            for path, page in upper_pages().items()
            if page.depth == home.depth + 1 and path.startswith(home.path)
        },
    )
