"""WSGI entry point: `gunicorn lfnkr_site.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lfnkr_site.settings.production")

application = get_wsgi_application()

# Imported once Django is set up: stored pages are answered in front of it.
from core.cache import serve_stored_pages  # noqa: E402

application = serve_stored_pages(application)
