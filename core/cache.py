"""Caching of what visitors see: shared fragments and whole anonymous pages.

Everything cached here carries the site's *content version*: fragments in their
key, whole pages in the stored value, read with the current version in one round
trip. Any publish, unpublish, move or deletion of a page, and any change to a
snippet or donation that pages show, bumps the version: every cached page and
fragment is then out of date at once; old fragments simply expire, an old page is
rendered afresh and stored over. That is coarse but cannot miss a dependency, and a
small NGO publishes a few times a week.
"""

import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import F
from django.db.models.functions import Greatest
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.encoding import iri_to_uri
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from core import memory

CONTENT_VERSION_KEY = "lfnkr:content-version"
# Only the listings' page numbers make a different page, written the one way the
# site writes them (no 0, no leading zeros); any other query string (search words,
# tracking tags, hostile input) is served fresh, never stored. A page number is
# stored only for a listing that has that page (`page_of_listing`).
CACHEABLE_QUERY = re.compile(r"(page=[1-9]\d{0,3})?")
UNCACHED_PREFIXES = (
    "/admin/",
    "/documents/",
    settings.MEDIA_URL,  # files stay on disk
    *(f"/{language}/search/" for language, _name in settings.LANGUAGES),
)


def content_version():
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        # Lost (a new cache, or evicted): start from the clock in milliseconds, above
        # any version used before, so no entry cached under an old one comes back.
        fresh = time.time_ns() // 1_000_000
        cache.add(CONTENT_VERSION_KEY, fresh, timeout=None)
        version = cache.get(CONTENT_VERSION_KEY, fresh)
    return version


def bump_content_version(**kwargs):
    """Signal receiver: what visitors see has changed."""
    bump_stored_version()
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.set(CONTENT_VERSION_KEY, content_version() + 1, timeout=None)


def bump_stored_version():
    """The database's content version, which each process's memory follows (core.memory).

    It moves to the clock in milliseconds when that is higher: a version taken in a
    transaction that was rolled back is never given again to other content."""
    from core.models import ContentVersion

    now = time.time_ns() // 1_000_000
    if not ContentVersion.objects.filter(pk=1).update(value=Greatest(F("value") + 1, now)):
        ContentVersion.objects.create(pk=1, value=now)
    memory.forget()


def bump_content_version_on_change(*models):
    """Cached pages go out of date when an object of these models is saved or deleted."""
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                bump_content_version, sender=model, dispatch_uid=f"content-version-{model}"
            )


def bump_for_a_new_live_page(sender, instance, created, **kwargs):
    """A page added live without being published (the archive's import, an alias)."""
    if created and isinstance(instance, Page) and instance.live:
        bump_content_version()


def purge_the_lists_that_show_the_page(sender, instance, **kwargs):
    """Wagtail purges the page itself from the CDN; a story also appears in its
    year's list and on its home page, and a campaign in the home page's appeals."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    batch = PurgeBatch()
    batch.add_pages(instance.get_ancestors().live().filter(depth__gt=1).specific())
    batch.purge()


def connect_signals():
    """What visitors see changes with every publish, unpublish (deleting a live page
    unpublishes it) and move of a page, and whenever a page is made private or public
    again (its view restriction)."""
    page_published.connect(bump_content_version, dispatch_uid="content-version-published")
    page_unpublished.connect(bump_content_version, dispatch_uid="content-version-unpublished")
    post_page_move.connect(bump_content_version, dispatch_uid="content-version-moved")
    bump_content_version_on_change(PageViewRestriction, Site, Locale)
    post_save.connect(bump_for_a_new_live_page, dispatch_uid="content-version-new-live-page")
    for signal in (page_published, page_unpublished):
        signal.connect(purge_the_lists_that_show_the_page, dispatch_uid=f"purge-lists-{signal}")


def page_cache_key(request):
    """One key per page however its host is written: case and port make no new page.

    The content version is not in the key but in the stored value (`stored_page`):
    the version and the page are then read together, in one round trip."""
    path = iri_to_uri(request.get_full_path())
    domain, _port = split_domain_port(request.get_host())
    return f"lfnkr:stored-page:{domain}:{path}"


def stored_page(key):
    """The current content version, and the page stored under `key` if it was
    rendered under that version (else None): one MGET to Redis."""
    found = cache.get_many([CONTENT_VERSION_KEY, key])
    version = found.get(CONTENT_VERSION_KEY)
    if version is None:  # lost (evicted, a new cache) or Redis is away
        return content_version(), None
    page = found.get(key)
    if page is not None and page[0] == version:
        return version, page
    return version, None


def page_to_store(version, response):
    """What a hit needs to answer as the miss did, without pickling a whole response:
    the version it was rendered under, its headers and body, and the attributes that
    django-csp reads from it (the Donate page widens its form-action that way)."""
    csp = {name: value for name, value in vars(response).items() if name.startswith("_csp")}
    return (version, dict(response.items()), response.content, csp)


def response_from(page):
    _version, headers, content, csp = page
    response = HttpResponse(content, headers=headers)
    response.__dict__.update(csp)
    return response


def is_cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.path.startswith(UNCACHED_PREFIXES)
        and CACHEABLE_QUERY.fullmatch(request.META.get("QUERY_STRING", "")) is not None
    )


def page_of_listing(request, items, per_page, count=None):
    """The page of a listing the visitor asked for with ?page=N (the first when N is
    no number, the last past the end). Only a number this listing really has makes
    a page of its own in the cache: ?page=9999, or ?page=2 on a story, is served
    but never stored, so no one fills the cache by counting.

    `count`, the number of items when the caller knows it already, spares counting
    them again (a news year of 5,000 stories)."""
    asked_for = request.GET.get("page")
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached property: set, it is kept
    page = paginator.get_page(asked_for)
    request.is_listing_page = asked_for == str(page.number)
    return page


def is_cacheable_response(request, response):
    """The same for every visitor: no cookie, no CSRF token, nothing private."""
    return (
        response.status_code == 200
        and (not request.GET or getattr(request, "is_listing_page", False))
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and "private" not in response.get("Cache-Control", "")
        and not getattr(request, "is_preview", False)
        and not getattr(getattr(request, "user", None), "is_authenticated", False)
    )


class AnonymousPageCacheMiddleware:
    """Serve repeat anonymous visits of public pages from the cache.

    A signed-in editor always has a session cookie, so never gets a cached page;
    a page that holds a CSRF token (the contact form) or sets a cookie is never
    stored, so no visitor receives another visitor's token. Responses say so to
    CDNs and browsers in Cache-Control: public with a shared max-age, or private.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.PAGE_CACHE_SECONDS <= 0:
            # Switched off: what an earlier configuration stored is not served either.
            return self.mark_public_or_private(request, self.get_response(request))
        if not is_cacheable_request(request):
            return self.mark_private(request, self.get_response(request))
        key = page_cache_key(request)
        # The version read before rendering is the one stored with the page: a publish
        # while it renders leaves it stale, not labelled as new.
        version, page = stored_page(key)
        request.content_version = version  # the fragments' too (core.templatetags.caching)
        if page is not None:
            response = response_from(page)
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        # Decided from the response, not from its headers: a file its view marked
        # public streams and is never stored.
        if not is_cacheable_response(request, response):
            return self.mark_private(request, response)
        self.mark_public(response)
        # Template responses are rendered by now: the stored copy is final.
        cache.set(key, page_to_store(version, response), settings.PAGE_CACHE_SECONDS)
        response["X-Cache"] = "miss"
        return response

    def mark_public_or_private(self, request, response):
        """What a CDN and a browser may keep, whether or not this app keeps it."""
        if is_cacheable_request(request) and is_cacheable_response(request, response):
            return self.mark_public(response)
        return self.mark_private(request, response)

    @staticmethod
    def mark_public(response):
        # The same on a hit as on a miss: a signed-in editor's cookie gets another page.
        patch_vary_headers(response, ["Cookie"])
        patch_cache_control(
            response,
            public=True,
            max_age=settings.BROWSER_CACHE_SECONDS,
            s_maxage=settings.CDN_CACHE_SECONDS,
        )
        return response

    @staticmethod
    def mark_private(request, response):
        if not request.path.startswith("/admin/") and "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_cache=True)
        return response
