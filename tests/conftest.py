import os
import re
import threading
from pathlib import Path

import pytest
from django.db import connections

from tests.factories import sign_in_verified, site_home

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run beside one unless told it is safe (it is: one thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def serve_one_request_at_a_time_on_a_shared_connection():
    """With SQLite the live server's threads share the test's one in-memory
    connection. Two requests at once (Wagtail's editor autosaves while "Save draft"
    posts) interleave their savepoints on it: "no such savepoint", a 503. A real
    server has a connection per thread; here requests take turns."""
    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.test.testcases import LiveServerThread

    class TakingTurnsWSGIServer(ThreadedWSGIServer):
        def set_app(self, application):
            if not self.connections_override:
                return super().set_app(application)
            turn = threading.Lock()

            def one_at_a_time(environ, start_response):
                with turn:
                    return application(environ, start_response)

            return super().set_app(one_at_a_time)

    LiveServerThread.server_class = TakingTurnsWSGIServer


serve_one_request_at_a_time_on_a_shared_connection()


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: ids come back after a rollback, cached
    renditions and fragments of an earlier test's objects must not, nor what a
    process remembered for a content version the rollback brings back (core.memory)."""
    from django.core.cache import caches

    from core import memory

    memory.forget()
    yield
    memory.forget()
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def home(db):
    return site_home()


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, signed in with both factors: administrators
    must confirm a second factor before the admin opens (core/two_factor)."""
    return sign_in_verified(client, admin_user)


# Screenshots of every open tab of a failed browser test land here.
ARTEFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


# Playwright's expect() waits 5 s by default. On two cores running four test workers
# (and Wagtail's preview, which redraws after a pause) a page can take longer: waiting
# longer only slows a test that would fail anyway.
BROWSER_EXPECT_SECONDS = 20


@pytest.fixture
def browser(request):
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=BROWSER_EXPECT_SECONDS * 1000)

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
            failed = getattr(request.node, "report_call", None)
            if failed is not None and failed.failed:
                save_screenshots(chromium, request.node.name)
            chromium.close()
        finally:
            # While Playwright's event loop runs in this thread, Django keeps the
            # test's database connections per context, not per thread (asgiref's
            # Local): they are not the ones the test run closes at its end, and
            # PostgreSQL then refused to drop the test database ("being accessed
            # by other users"). Closed here, while that context is still the one.
            connections.close_all()


def save_screenshots(chromium, test_name):
    ARTEFACTS.mkdir(exist_ok=True)
    stem = re.sub(r"[^\w.-]+", "_", test_name)
    tabs = [tab for context in chromium.contexts for tab in context.pages]
    for number, tab in enumerate(tabs, start=1):
        path = ARTEFACTS / f"{stem}-{number}.png"
        tab.screenshot(path=path, full_page=True)
        print(f"Screenshot of {tab.url}: {path}")
