"""Production: secrets and hosts must come from the environment."""

from .base import *  # noqa: F403
from .base import env_bool, env_list, require

DEBUG = False
SECRET_KEY = require("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or require("ALLOWED_HOSTS")
WAGTAILADMIN_BASE_URL = require("WAGTAILADMIN_BASE_URL")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True  # noqa: F405

# Wagtail's live preview shows our own pages in a frame inside the admin, so
# frames stay allowed from the same origin (X_FRAME_OPTIONS = "SAMEORIGIN").
SILENCED_SYSTEM_CHECKS = ["security.W019"]
