"""The test suite: fast password hashing, throw-away files, no network."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
WAGTAILADMIN_BASE_URL = "http://testserver"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Uploads go to a throw-away folder: documents are served from real files, as in
# production, and nothing lands in the project's media/.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="lfnkr-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Passkey tests open the admin at live_server's http://localhost:<port>, and set
# OTP_WEBAUTHN_ALLOWED_ORIGINS to that address (tests/test_browser_two_factor.py).
OTP_WEBAUTHN_RP_ID = "localhost"
OTP_WEBAUTHN_ALLOWED_ORIGINS = ["http://localhost"]

# Tests never ask a provider over the network.
WAGTAILEMBEDS_FINDERS = [{"class": "core.embeds.VideoIframeFinder"}]
# Nothing listens on the discard port: a test that wants PayPal's answer runs its own
# stand-in and sets its address (tests/campaigns/test_paypal.py).
PAYPAL_IPN_VERIFY_URL = "http://127.0.0.1:9/cgi-bin/webscr"

# Pages and fragments are cached in tests only where a test asks for it
# (tests/caching/): factories change pages without publishing signals.
PAGE_CACHE_SECONDS = 0
FRAGMENT_CACHE_SECONDS = 0

# The suite runs in parallel (pytest-xdist). Each worker gets a Redis database of
# its own, since clearing a Redis cache between tests empties the whole database.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1" ... or none
if REDIS_URL and WORKER:  # noqa: F405
    redis = urlsplit(REDIS_URL)  # noqa: F405
    database = int(redis.path.strip("/") or 0) + 1 + int(WORKER.removeprefix("gw"))
    for alias in CACHES:  # noqa: F405
        CACHES[alias]["LOCATION"] = redis._replace(path=f"/{database}").geturl()  # noqa: F405

# Four workers and a browser on two cores can keep Redis waiting: the tests that
# expect a cache hit must not see a busy Redis as an outage (tests/core/test_cache_outage.py).
if REDIS_URL:  # noqa: F405
    for alias in CACHES:  # noqa: F405
        CACHES[alias]["OPTIONS"] = {"socket_connect_timeout": 10, "socket_timeout": 10}  # noqa: F405
