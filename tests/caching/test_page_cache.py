"""Cached for visitors, never stale after publishing, never shared with an editor."""

import datetime
import json
import os
import re
import subprocess
import sys

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.cache import bump_content_version
from tests.factories import (
    NewsPageFactory,
    member_of,
    sign_in_verified,
)

pytestmark = pytest.mark.django_db


def visit(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


@pytest.mark.parametrize("url", ["/en/", "/en/2014/"])
def test_a_repeat_anonymous_visit_is_served_from_the_cache(client, caching, year_2014, url):
    first, _ = visit(client, url)
    again, queries = visit(client, url)
    assert (first["X-Cache"], again["X-Cache"]) == ("miss", "hit")
    assert queries == 0
    assert again.content == first.content


def test_anonymous_pages_tell_a_cdn_it_may_keep_them(client, caching, year_2014):
    response = client.get("/en/2014/")
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=600"


def test_a_published_story_shows_at_once(client, caching, year_2014):
    client.get("/en/")
    NewsPageFactory(
        parent=year_2014,
        title="Nine Orphans Reach Safety",
        date=datetime.date(2014, 12, 1),
        publish=True,
    )
    for url in ["/en/", "/en/2014/"]:
        response = client.get(url)
        assert response["X-Cache"] == "miss"
        assert "Nine Orphans Reach Safety" in response.content.decode()


def test_a_changed_address_reaches_every_cached_footer(client, caching, year_2014):
    from home.models import OrganisationAddress

    client.get("/en/")
    client.get("/en/2014/")
    address = OrganisationAddress.objects.get()
    address.telephone = "+81-3-5555-0123"
    address.save()
    for url in ["/en/", "/en/2014/"]:
        assert "Tel +81-3-5555-0123" in client.get(url).content.decode()


def test_a_signed_in_editor_never_gets_the_cached_page(client, caching, year_2014):
    client.get("/en/")
    editor = Client()
    sign_in_verified(editor, member_of("Editors"))
    response = editor.get("/en/")
    assert "X-Cache" not in response or response["X-Cache"] != "hit"
    assert 'id="wagtail-userbar-template"' in response.content.decode()
    assert response["Cache-Control"] == "private, no-cache"
    # And what the editor saw is not kept for visitors either.
    assert "wagtail-userbar" not in client.get("/en/").content.decode()


def csrf_token_in(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


def test_a_form_with_a_csrf_token_is_never_shared_between_visitors(caching, year_2014, home):
    from home.setup import create_contact_page

    create_contact_page(home, [])
    first, second = Client(), Client()
    first_page = first.get("/en/contact/")
    second_page = second.get("/en/contact/")
    assert csrf_token_in(first_page) != csrf_token_in(second_page)
    assert second_page["Cache-Control"] == "private, no-cache"
    assert "X-Cache" not in second_page


def test_search_results_are_never_cached(client, caching, year_2014):
    client.get("/en/search/?q=prison")
    response = client.get("/en/search/?q=prison")
    assert "X-Cache" not in response
    assert response["Cache-Control"] == "private, no-cache"


def test_the_footer_and_donate_call_are_cached_as_fragments(client, caching, year_2014):
    """The search page is not cached whole, but its shared parts are: rendered once
    per language and content version (their data comes from memory, core.memory)."""
    from django.core.cache import cache
    from django.core.cache.utils import make_template_fragment_key

    from core.cache import content_version
    from home.models import HomePage, OrganisationAddress

    visit(client, "/en/search/?q=prison")
    version = content_version()
    address = OrganisationAddress.objects.get()
    home = HomePage.objects.get(depth=2)
    footer = make_template_fragment_key("footer", [version, address.pk, "en"])
    donate = make_template_fragment_key("donate", [version, home.pk])
    assert "PayPal" in cache.get(donate)
    assert address.name in cache.get(footer)


def test_with_fragments_not_cached_a_page_makes_no_cache_calls(
    client, settings, year_2014, monkeypatch
):
    """FRAGMENT_CACHE_SECONDS=0 (an editor's page, or caching switched off): the shared
    parts are rendered, not keyed and stored for nothing."""
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 0
    client.get("/en/2014/")  # what each process remembers is read once (core.memory)
    calls = []
    for method in ("get", "set", "get_many", "add"):
        original = getattr(cache, method)
        monkeypatch.setattr(
            cache,
            method,
            lambda *args, _original=original, **kwargs: (
                calls.append(args) or _original(*args, **kwargs)
            ),
        )
    response = client.get("/en/2014/")
    assert "Whitewash Goes to Prison" in response.content.decode()
    assert calls == []


def test_a_new_highlight_reaches_the_cached_sidebar(client, caching, year_2014):
    client.get("/en/2014/")
    NewsPageFactory(
        parent=year_2014, title="A Highlight of 2014", is_highlight=True, date=None, publish=True
    )
    sidebar = client.get("/en/2014/").content.decode().split('class="highlights"')[1]
    assert "A Highlight of 2014" in sidebar


def test_publishing_purges_the_story_its_year_and_home_from_the_cdn(
    caching, year_2014, settings, monkeypatch
):
    from wagtail.contrib.frontend_cache.backends import HTTPBackend

    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://cdn.invalid",
        }
    }
    purged = []
    monkeypatch.setattr(HTTPBackend, "purge", lambda backend, url: purged.append(url))
    NewsPageFactory(
        parent=year_2014,
        title="Nine Orphans Reach Safety",
        date=datetime.date(2014, 12, 1),
        publish=True,
    )
    assert {
        "http://localhost/en/2014/nine-orphans-reach-safety/",
        "http://localhost/en/2014/",
        "http://localhost/en/",
    } <= set(purged)


def test_with_redis_url_the_cache_lives_in_redis():
    """REDIS_URL switches the cache (and renditions) to the Redis on this machine."""
    code = (
        "import django, json; django.setup();"
        "from django.core.cache import caches;"
        "caches['default'].set('lfnkr-test-probe', 'from redis', 30);"
        "print(json.dumps([type(caches[a]).__name__ for a in ('default', 'renditions')]"
        " + [caches['default'].get('lfnkr-test-probe')]))"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lfnkr_site.settings.dev",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == ["FailSafeRedisCache", "FailSafeRedisCache", "from redis"]


def test_with_the_page_cache_off_nothing_stored_earlier_is_served(client, caching, year_2014):
    client.get("/en/")
    assert client.get("/en/")["X-Cache"] == "hit"
    caching.PAGE_CACHE_SECONDS = 0
    response = client.get("/en/")
    assert "X-Cache" not in response
    # A CDN may still keep the page.
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=600"


@pytest.fixture
def cached_story(client, caching, year_2014):
    """A story, its year and the home page, each visited once so that all are cached."""
    story = NewsPageFactory(
        parent=year_2014,
        title="Nine Orphans Reach Safety",
        date=datetime.date(2014, 12, 1),
        summary="The children crossed the river at night.",
        is_highlight=True,
        publish=True,
    )
    for url in [story.url, "/en/2014/", "/en/", "/sitemap.xml"]:
        client.get(url)
    assert client.get(story.url)["X-Cache"] == "hit"
    return story


def anonymous_view_of(client, story):
    return {
        "story": client.get(story.url),
        "year": client.get("/en/2014/").content.decode(),
        "home": client.get("/en/").content.decode(),
        "sitemap": client.get("/sitemap.xml").content.decode(),
    }


@pytest.mark.parametrize("restriction", ["password", "login"])
def test_a_page_made_private_leaves_every_cached_copy_at_once(client, cached_story, restriction):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=cached_story, restriction_type=restriction, password="only-for-the-board"
    )
    view = anonymous_view_of(client, cached_story)
    assert view["story"].get("X-Cache") != "hit"
    assert "crossed the river" not in view["story"].content.decode()
    for listing in ("year", "home", "sitemap"):
        assert "Nine Orphans Reach Safety" not in view[listing]
        assert "nine-orphans-reach-safety" not in view[listing]


def test_a_page_made_public_again_returns_to_the_lists(client, cached_story):
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(
        page=cached_story, restriction_type="password", password="only-for-the-board"
    )
    anonymous_view_of(client, cached_story)
    restriction.delete()
    view = anonymous_view_of(client, cached_story)
    assert view["story"].status_code == 200
    assert (
        "Nine Orphans Reach Safety" in view["year"] and "Nine Orphans Reach Safety" in view["home"]
    )


def test_a_deleted_story_leaves_every_cached_list(client, cached_story):
    cached_story.delete()
    assert client.get(cached_story.url).status_code == 404
    for url in ["/en/2014/", "/en/", "/sitemap.xml"]:
        assert "nine-orphans-reach-safety" not in client.get(url).content.decode()


def test_a_hit_carries_the_same_headers_as_a_miss(client, caching, year_2014):
    miss = client.get("/en/2014/")
    hit = client.get("/en/2014/")
    assert (miss["X-Cache"], hit["X-Cache"]) == ("miss", "hit")
    assert "Cookie" in hit["Vary"]
    assert hit["Vary"] == miss["Vary"]
    assert hit["Cache-Control"] == miss["Cache-Control"]


def test_a_host_written_another_way_is_the_same_cached_page(client, caching, year_2014):
    assert client.get("/en/", HTTP_HOST="localhost")["X-Cache"] == "miss"
    assert client.get("/en/", HTTP_HOST="LOCALHOST:8000")["X-Cache"] == "hit"


@pytest.mark.parametrize("query", ["page=07", "page=0", "page=1&page=2", "utm_source=x"])
def test_only_the_page_numbers_the_site_writes_are_stored(client, caching, year_2014, query):
    for _ in range(2):
        response = client.get(f"/en/2014/?{query}")
        assert "X-Cache" not in response


@pytest.mark.parametrize("url", ["/en/?page=2", "/en/2014/?page=2", "/en/2014/?page=999"])
def test_a_page_number_a_page_does_not_have_is_never_stored(client, caching, year_2014, url):
    """The home page has no pages and 2014 has one: counting up fills no cache."""
    client.get(url.split("?")[0])  # its fragments are stored once for the page
    entries = stored_entries()
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Cache" not in response
    assert stored_entries() == entries


def test_every_page_a_listing_has_is_stored(client, caching, year_2014, monkeypatch):
    monkeypatch.setattr("news.models.NEWS_PER_PAGE", 1)
    NewsPageFactory(parent=year_2014, date=datetime.date(2014, 1, 2))
    bump_content_version()
    for url in ["/en/2014/?page=1", "/en/2014/?page=2"]:
        assert [client.get(url)["X-Cache"] for _ in range(2)] == ["miss", "hit"], url
    assert "X-Cache" not in client.get("/en/2014/?page=3")


def stored_entries():
    """How many entries the default cache holds, in memory or in this worker's Redis."""
    from django.core.cache import cache

    backend = cache._cache
    if hasattr(backend, "get_client"):
        return backend.get_client().dbsize()
    return len(backend)


def test_missing_pages_fill_no_cache(client, caching, year_2014):
    client.get("/en/no-such-story-0/")
    entries = stored_entries()
    for number in range(1, 11):
        assert client.get(f"/en/no-such-story-{number}/").status_code == 404
    assert stored_entries() == entries


def test_the_language_link_never_carries_another_visitors_address(client, caching, year_2014):
    client.get("/en/search/?q=&msg=Send+your+password+to+evil.example")
    client.get("/en/2014/?page=1&msg=evil")
    for url in ["/en/search/", "/en/2014/", "/en/2014/?page=1"]:
        switcher = client.get(url).content.decode().split('class="language-switcher"')[1]
        assert "msg" not in switcher.split("</nav>")[0], url


def test_a_lost_content_version_never_brings_back_an_older_page(client, caching, year_2014):
    from django.core.cache import cache

    from core.cache import CONTENT_VERSION_KEY, content_version

    client.get("/en/2014/")
    old = content_version()
    bump_content_version()
    cache.delete(CONTENT_VERSION_KEY)  # evicted under memory pressure
    assert content_version() > old + 1
    assert client.get("/en/2014/")["X-Cache"] == "miss"


def test_a_page_stored_before_a_publish_elsewhere_is_not_served(client, caching, year_2014):
    """Another worker's publish moves only the version in the cache: the page stored
    under the old version is rendered afresh, and stored over, not beside it."""
    from django.core.cache import cache

    from core.cache import CONTENT_VERSION_KEY

    assert [client.get("/en/2014/")["X-Cache"] for _ in range(2)] == ["miss", "hit"]
    pages = stored_pages()
    cache.incr(CONTENT_VERSION_KEY)  # as bump_content_version does in another process
    assert [client.get("/en/2014/")["X-Cache"] for _ in range(2)] == ["miss", "hit"]
    assert stored_pages() == pages == 1


def stored_pages():
    """How many whole pages the default cache holds (fragments aside)."""
    from django.core.cache import cache

    backend = cache._cache
    if hasattr(backend, "get_client"):
        return len(backend.get_client().keys("*page:*"))
    return sum("page:" in key for key in backend)


class CountedCalls:
    """Every call to the default cache and, when it is Redis, every Redis command,
    whichever connection it goes on (the pool's or the cache's own, core.redis_cache)."""

    def __init__(self, monkeypatch):
        from django.core.cache import caches
        from redis.connection import AbstractConnection

        self.cache_calls, self.redis_commands = [], []
        self.depth = 0  # calls the cache makes to itself are not counted
        backend = caches["default"]
        methods = ["get", "get_many", "set", "set_many", "add", "incr", "has_key", "touch"]
        for name in methods:
            monkeypatch.setattr(backend, name, self.counted(getattr(backend, name), name))
        send = AbstractConnection.send_command

        def counted_command(connection, *args, **options):
            self.redis_commands.append(args[0])
            return send(connection, *args, **options)

        monkeypatch.setattr(AbstractConnection, "send_command", counted_command)

    def counted(self, method, name):
        def call(*args, **kwargs):
            # Only what the site asks: the memory cache's get_many calls its own get.
            if not self.depth:
                self.cache_calls.append(name)
            self.depth += 1
            try:
                return method(*args, **kwargs)
            finally:
                self.depth -= 1

        return call


def test_a_hit_costs_one_round_trip_to_the_cache(client, caching, year_2014, monkeypatch):
    """The content version and the page are read together (one MGET with Redis)."""
    from django.core.cache import cache

    client.get("/en/2014/")
    counted = CountedCalls(monkeypatch)
    assert client.get("/en/2014/")["X-Cache"] == "hit"
    assert counted.cache_calls == ["get_many"]
    if hasattr(cache._cache, "get_client"):  # Redis (REDIS_URL)
        assert counted.redis_commands == ["MGET"]


def test_a_miss_reads_the_content_version_once_for_the_page_and_its_fragments(
    client, caching, year_2014, monkeypatch
):
    """The version read with the stored page keys the header, footer and sidebar too."""
    from core.templatetags import caching as fragment_tags

    asked = []
    version_of_fragments = fragment_tags.content_version
    monkeypatch.setattr(
        fragment_tags, "content_version", lambda: asked.append(1) or version_of_fragments()
    )
    response = client.get("/en/2014/")
    assert response["X-Cache"] == "miss"
    assert "Whitewash Goes to Prison" in response.content.decode()
    assert asked == []


def test_the_donate_page_served_from_the_cache_still_lets_its_forms_post_to_paypal(
    client, caching, home
):
    from tests.factories import DonatePageFactory

    DonatePageFactory(parent=home, publish=True)
    miss, hit = client.get("/en/donate/"), client.get("/en/donate/")
    assert (miss["X-Cache"], hit["X-Cache"]) == ("miss", "hit")
    assert "form-action 'self' https://www.paypal.com" in hit["Content-Security-Policy"]
    assert hit["Content-Security-Policy"] == miss["Content-Security-Policy"]
    assert "https://www.paypal.com" not in client.get("/en/")["Content-Security-Policy"]


def test_a_head_request_is_answered_from_the_same_stored_page(client, caching, year_2014):
    head = client.head("/en/2014/")
    get = client.get("/en/2014/")
    again = client.head("/en/2014/")
    assert (head["X-Cache"], get["X-Cache"], again["X-Cache"]) == ("miss", "hit", "hit")
    assert again.status_code == 200 and again.content == b""
    assert "Whitewash Goes to Prison" in get.content.decode()
    for header in ("Content-Type", "Content-Language", "Vary", "Cache-Control"):
        assert again[header] == get[header], header
