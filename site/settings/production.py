"""Production: secrets and hosts must come from the environment."""

import os
from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import env_bool, env_list, require

DEBUG = False
SECRET_KEY = require("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or require("ALLOWED_HOSTS")
WAGTAILADMIN_BASE_URL = require("WAGTAILADMIN_BASE_URL")
# Passkeys belong to the admin's public address unless told otherwise.
_admin_address = urlsplit(WAGTAILADMIN_BASE_URL)
OTP_WEBAUTHN_RP_ID = os.environ.get("WEBAUTHN_RP_ID", _admin_address.hostname)
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list(
    "WEBAUTHN_ORIGINS", f"{_admin_address.scheme}://{_admin_address.netloc}"
)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True  # noqa: F405

# Wagtail's live preview shows our own pages in a frame inside the admin, so
# frames stay allowed from the same origin (X_FRAME_OPTIONS = "SAMEORIGIN").
SILENCED_SYSTEM_CHECKS = ["security.W019"]
