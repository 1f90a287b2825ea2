import os

import pytest

from tests.factories import site_home

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


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: ids come back after a rollback, cached
    renditions and fragments of an earlier test's objects must not."""
    from django.core.cache import caches

    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def home(db):
    return site_home()


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
