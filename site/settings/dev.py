"""A laptop: debug on, a throwaway secret, local hosts only."""

import os

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-secret-key-not-for-production")  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Passkeys need a host name, not an address: open the admin at http://localhost:PORT.
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list(
    "WEBAUTHN_ORIGINS", f"http://localhost:{os.environ.get('PORT', '8000')}"
)

# Serve the unhashed files from the app folders without running collectstatic.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
