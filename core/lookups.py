"""Wagtail's lookups that every page repeats, answered from memory (core.memory).

Wagtail finds the request's site, the active locale and the private sections of the
tree with a query each time it needs them: several times per page. These wrappers
keep Wagtail's answers for one content version; a Site, Locale or view restriction
saved or deleted moves the version on (core.cache.connect_signals).
"""

from django.db.models import Q
from wagtail.models import Locale, Page, PageViewRestriction, i18n, sites
from wagtail.query import PageQuerySet

from core.memory import remembered


def private_sections():
    """[(path, depth, restriction)] of every page view restriction."""
    return remembered(
        "private-sections",
        lambda: [
            (restriction.page.path, restriction.page.depth, restriction)
            for restriction in PageViewRestriction.objects.select_related("page")
        ],
    )


def alias_paths():
    """The tree paths of alias pages, whose restrictions are their source page's."""
    return remembered(
        "alias-paths",
        lambda: tuple(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)),
    )


def view_restrictions_of(page):
    """The restrictions on `page` and its ancestors, as Page.get_view_restrictions()
    gives them (a queryset, here already filled), or None where an alias is involved
    and Wagtail's own lookup must follow it."""
    if page.path is None or page.path.startswith(alias_paths()):
        return None
    found = [
        restriction
        for path, _depth, restriction in private_sections()
        if page.path.startswith(path)
    ]
    restrictions = PageViewRestriction.objects.filter(pk__in=[r.pk for r in found])
    restrictions._result_cache = found  # iterating it asks the database nothing
    return restrictions


def private_q(queryset):
    """PageQuerySet.private_q with the private sections from memory."""
    condition = Q()
    for path, depth, _restriction in private_sections():
        condition |= Q(path__startswith=path) & Q(depth__gte=depth)
    return condition if condition else Q(pk__in=[])


def locales():
    """{id: Locale} of every language the site has, once per content version."""
    return remembered("locales", lambda: {locale.pk: locale for locale in Locale.objects.all()})


def remember_wagtail_lookups():
    """Install the wrappers (CoreConfig.ready)."""
    find_site = sites.get_site_for_hostname

    def get_site_for_hostname(hostname, port):
        return remembered(("site", hostname, port), lambda: find_site(hostname, port))

    sites.get_site_for_hostname = get_site_for_hostname

    find_locale = i18n.LocaleManager.get_for_language

    def get_for_language(manager, language_code):
        return remembered(("locale", language_code), lambda: find_locale(manager, language_code))

    i18n.LocaleManager.get_for_language = get_for_language
    PageQuerySet.private_q = private_q

    # Every page's address starts from them; Wagtail reads them from the cache (a Redis
    # round trip per request). A site's or a home page's change moves the version.
    find_root_paths = sites.Site.get_site_root_paths
    sites.Site.get_site_root_paths = staticmethod(
        lambda: remembered("site-root-paths", find_root_paths)
    )
