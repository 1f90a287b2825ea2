"""WSGI entry point: `gunicorn lfnkr_site.wsgi`."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lfnkr_site.settings.production")

application = get_wsgi_application()

# Imported once Django is set up: stored pages are answered in front of it.
from core.cache import serve_stored_pages  # noqa: E402

application = serve_stored_pages(application)

# The 200,000 objects of Django, Wagtail and the site live as long as the worker:
# kept out of the garbage collector's sight, they are no longer walked by each full
# collection, which stopped a worker for 160 ms every few hundred requests (the
# slowest of a page's requests, issue 16).
gc.collect()
gc.freeze()
