"""`make screenshots`: every page type at 390 and 1280 px, in English and Japanese.

    .venv/bin/python -m tests.screenshots [FOLDER]   (docs/screenshots by default)

Builds a throwaway SQLite database with the imported archive and the page types the
import does not make (tests/site_pages.py, the builder the tests use), serves it
with DEBUG off (so the 404 and 500 pages are the site's own) and writes full-page
screenshots named like `story-ja-390.png` with Debian's chromium.
"""

import os
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDTHS = {390: 844, 1280: 800}  # width: the height of the first screen


def configure(workdir):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="lfnkr_site.settings.dev",
        DEBUG="false",
        DATABASE_URL=f"sqlite:///{workdir / 'site.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
    )
    import django

    django.setup()
    from django.conf import settings

    # The two answers without an address of their own: the 500 and contact thank-you pages.
    settings.ROOT_URLCONF = "tests.site_pages"


def build_site():
    from django.core.management import call_command
    from wagtail.models import Locale

    from home.models import HomePage
    from tests.site_pages import build_site_pages

    call_command("migrate", verbosity=0, interactive=False)
    call_command("import_archive", verbosity=0)
    return build_site_pages(HomePage.objects.get(locale=Locale.get_default()))


def serve():
    """The site on a free port, static files from the app folders, in a thread."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.set_app(StaticFilesHandler(get_wsgi_application()))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def take_screenshots(pages, address, folder):
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM, CHROMIUM_ARGS

    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width, height in WIDTHS.items():
            tab = browser.new_page(viewport={"width": width, "height": height})
            for page in pages:
                tab.goto(address + page.url, wait_until="load")
                path = folder / f"{page.name}-{width}.png"
                tab.screenshot(path=path, full_page=True)
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
            tab.close()
        browser.close()


def main():
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "screenshots").resolve()
    with tempfile.TemporaryDirectory(prefix="lfnkr-screenshots-") as workdir:
        configure(Path(workdir))
        print("== Importing the archive and adding every page type", flush=True)
        pages = build_site()
        server, address = serve()
        print(f"== Screenshots of {len(pages)} pages at {address}", flush=True)
        try:
            take_screenshots(pages, address, folder)
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
