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
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import F
from django.db.models.functions import Greatest
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.http.request import split_domain_port, validate_host
from django.utils.cache import patch_cache_control, patch_vary_headers
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
# whitenoise serves these from memory, faster than a look in the cache.
STATIC_PREFIX = settings.STATIC_URL
# The content version under which serve_stored_pages looked for a page in vain.
LOOKED_UP = "lfnkr.content_version"


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


def page_key_of(environ):
    """The key of the page a request asks for, or None when no other visitor may get
    its answer: not a GET, a signed-in editor's or a message's cookie, a query string
    the site never writes, a path that is never stored, a host Django refuses.

    It reads only the WSGI environ, so `serve_stored_pages` and the middleware
    (request.META) find the same key. One page is one key however its host is
    written (case, port)."""
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return None
    path = environ.get("PATH_INFO", "/")
    if path.startswith(UNCACHED_PREFIXES) or path.startswith(STATIC_PREFIX):
        return None
    query = environ.get("QUERY_STRING", "")
    if query and CACHEABLE_QUERY.fullmatch(query) is None:
        return None
    cookies = environ.get("HTTP_COOKIE")
    if cookies:
        names = parse_cookie(cookies)
        if settings.SESSION_COOKIE_NAME in names or "messages" in names:
            return None
    scheme = scheme_of(environ)
    if scheme == "http" and settings.SECURE_SSL_REDIRECT:
        return None  # SecurityMiddleware sends the visitor to https
    domain = allowed_domain(environ)
    if domain is None:
        return None
    try:
        # PATH_INFO holds the URL's bytes, one character each (PEP 3333).
        where = quote(environ.get("SCRIPT_NAME", "") + path, safe=SAFE_IN_KEY, encoding="latin-1")
    except UnicodeEncodeError:
        return None
    return f"lfnkr:page:{scheme}://{domain}{where}?{query}"


SAFE_IN_KEY = "/:@!$&'()*+,;=~"


def scheme_of(environ):
    """http or https, as Django's request.scheme reads it. It is in the key: only an
    https page carries Strict-Transport-Security."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = environ.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return environ.get("wsgi.url_scheme", "http")


def allowed_domain(environ):
    """The domain of the request's host, if Django's request.get_host() accepts it."""
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
        host = environ["HTTP_X_FORWARDED_HOST"]
    else:
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    allowed_hosts = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed_hosts:
        allowed_hosts = [".localhost", "127.0.0.1", "[::1]"]
    domain, _port = split_domain_port(host)
    if domain and validate_host(domain, allowed_hosts):
        return domain
    return None


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
    the version it was rendered under, and its final headers and body."""
    return (version, list(response.items()), response.content)


def response_from(page):
    _version, headers, content = page
    response = HttpResponse(content, headers=dict(headers))
    response["X-Cache"] = "hit"
    return response


def serve_stored_pages(application):
    """Wrap the site's WSGI application: a stored page is answered before Django
    builds a request or runs a middleware, for about a third of the CPU a hit costs
    through them (issue 16).

    The stored headers are final (AnonymousPageCacheMiddleware is the outermost
    middleware) and the key and its rules are the middleware's (`page_key_of`). A
    miss goes on to Django with the content version it was looked for under, which
    the page rendered is then stored with."""

    def answer_stored_page_or_pass_on(environ, start_response):
        if settings.PAGE_CACHE_SECONDS > 0:
            key = page_key_of(environ)
            if key is not None:
                version, page = stored_page(key)
                if page is not None:
                    _version, headers, content = page
                    start_response("200 OK", [*headers, ("X-Cache", "hit")])
                    return [] if environ["REQUEST_METHOD"] == "HEAD" else [content]
                environ[LOOKED_UP] = version
        return application(environ, start_response)

    return answer_stored_page_or_pass_on


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

    It is the outermost middleware: what it stores carries every header, and the
    WSGI application answers the next visit before Django (`serve_stored_pages`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(STATIC_PREFIX):
            return self.get_response(request)  # whitenoise's, with its own headers
        if settings.PAGE_CACHE_SECONDS <= 0:
            # Switched off: what an earlier configuration stored is not served either.
            return self.mark_public_or_private(request, self.get_response(request))
        key = page_key_of(request.META)
        if key is None:
            return self.mark_private(request, self.get_response(request))
        if LOOKED_UP in request.META:  # by serve_stored_pages, in vain
            version, page = request.META[LOOKED_UP], None
        else:
            # The version read before rendering is the one stored with the page: a
            # publish while it renders leaves it stale, not labelled as new.
            version, page = stored_page(key)
        request.content_version = version  # the fragments' too (core.templatetags.caching)
        if page is not None:
            return response_from(page)
        response = self.get_response(request)
        # Decided from the response, not from its headers: a file its view marked
        # public streams and is never stored.
        if not is_cacheable_response(request, response):
            return self.mark_private(request, response)
        self.mark_public(response)
        # Template responses are rendered, and every other middleware has added its
        # headers: the stored copy is final.
        cache.set(key, page_to_store(version, response), settings.PAGE_CACHE_SECONDS)
        response["X-Cache"] = "miss"
        return response

    def mark_public_or_private(self, request, response):
        """What a CDN and a browser may keep, whether or not this app keeps it."""
        if page_key_of(request.META) and is_cacheable_response(request, response):
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
