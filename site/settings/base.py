"""Settings shared by every environment, safe for production on their own.

Everything that differs between machines is read from the environment; dev.py
relaxes these defaults for a laptop, test.py makes them fast.
"""

import os
from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "search",
    "news",
    "campaigns",
    "core",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "campaigns.apps.PayPalIPNConfig",  # django-paypal: PayPal's notifications (IPN)
    "django.contrib.admin",  # wagtail-modeladmin's filters use its helpers; no URLs are routed
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # Outermost, so a page is stored with every header the others add. A stored page
    # is answered before any of them, and in production before Django builds a request
    # at all (core.cache.serve_stored_pages, lfnkr_site.wsgi): an anonymous visitor's
    # stored page needs no session, language, CSRF or sign-in (issue 16). It reads
    # only cookies to know a visitor is anonymous; on a miss, the decision to store is
    # made on the way out, after every other middleware has run.
    "core.cache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.headers.CSPMiddleware",
    "core.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Which second factor, if any, verified this session (django-otp); then who must
    # have one: a password alone opens only the two-factor pages (core/two_factor).
    "django_otp.middleware.OTPMiddleware",
    "core.two_factor.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Counts failed admin logins before the real check (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "lfnkr_site.urls"
WSGI_APPLICATION = "lfnkr_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite is the embedded default; production sets DATABASE_URL to PostgreSQL. Set to
# nothing (`DATABASE_URL=` in a shell or a service file) it means the default, as
# unset: dj-database-url would give Django a database without an engine.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis when REDIS_URL is set (production: shared by every worker); otherwise each
# process keeps its own in memory. Renditions get their own alias, as Wagtail advises.
# With Redis down or slow the site serves uncached pages (core/redis_cache.py): a
# command waits at most REDIS_TIMEOUT seconds.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "1"))
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "core.redis_cache.FailSafeRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"lfnkr-{alias}",
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
        for alias in ("default", "renditions")
    }
else:
    CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
        for alias in ("default", "renditions")
    }

# Whole anonymous pages (core/cache.py) and the shared fragments of every page
# (header, footer, sidebar) are kept this long; any publish makes them stale at once.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "3600"))
# What anonymous responses tell a CDN (s-maxage) and a browser (max-age).
CDN_CACHE_SECONDS = int(os.environ.get("CDN_CACHE_SECONDS", "600"))
BROWSER_CACHE_SECONDS = int(os.environ.get("BROWSER_CACHE_SECONDS", "60"))

# A CDN in front is purged when pages are published: CDN_PURGE_URL for a cache
# that accepts PURGE requests (Varnish, Fastly ...), or Cloudflare's zone and token.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("CDN_PURGE_URL"):
    WAGTAILFRONTENDCACHE["cdn"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["CDN_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English is the default language; translators build the Japanese site in the
# admin with wagtail-localize. Every public URL starts with its language.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ja", "日本語")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["lfnkr_site.formats"]
# A page sent for translation starts as a draft: English text never goes live
# under /ja/ before a translator has translated and published it.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# The site serves uploaded photos itself (core/uploads.py) unless a proxy or S3 does.
SERVE_MEDIA = os.environ.get("SERVE_MEDIA", "true").lower() in ("1", "true", "yes")

# `make backup` writes here (core/backups.py).
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files served by whitenoise.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads in S3 or an S3-compatible store (pip install ".[s3]"); credentials come
# from the usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the machine's role.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": False,
        },
    }

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Life Funds for North Korean Refugees"
# The admin calls no outside server: Wagtail's dashboard would ask releases.wagtail.org
# for new versions from every administrator's browser. Upgrades follow pyproject.toml.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars fetched from gravatar.com: the admin loads nothing from other sites.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "")

WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": os.environ.get("SEARCH_BACKEND", "wagtail.search.backends.database")}
}
# OpenSearch or Elasticsearch: SEARCH_BACKEND names Wagtail's backend for it.
if os.environ.get("SEARCH_URL"):
    WAGTAILSEARCH_BACKENDS["default"].update(
        URLS=env_list("SEARCH_URL"), INDEX=os.environ.get("SEARCH_INDEX", "lfnkr")
    )

# YouTube and Vimeo are embedded without asking their oEmbed endpoints over the
# network; anything else falls back to Wagtail's oEmbed finder.
WAGTAILEMBEDS_FINDERS = [
    {"class": "core.embeds.VideoIframeFinder"},
    {"class": "wagtail.embeds.finders.oembed"},
]

# Documents always pass through Wagtail's serve view, whatever the storage, so
# every download carries its safe headers: PDFs open in the browser under a CSP of
# "default-src 'none'", everything else downloads as an attachment.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
# No HTML, SVG or macro-enabled office files: nothing that runs in a browser or Office.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Photos only: SVG can carry scripts, so it is never accepted (nor rendered inline).
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")

# PayPal gifts (campaigns/paypal.py). django-paypal receives PayPal's notifications at
# /paypal/ipn/ and posts each back to PAYPAL_IPN_VERIFY_URL, where PayPal answers whether
# it sent it (the sandbox's address, ipnpb.sandbox.paypal.com, for trials there). Only
# payments to PAYPAL_RECEIVER_ACCOUNTS (the organisation's business e-mail addresses or
# merchant IDs) count; with none, every notification is refused.
PAYPAL_IPN_VERIFY_URL = os.environ.get(
    "PAYPAL_IPN_VERIFY_URL", "https://ipnpb.paypal.com/cgi-bin/webscr"
)
PAYPAL_RECEIVER_ACCOUNTS = env_list("PAYPAL_RECEIVER_ACCOUNTS")

# The contact form's spam rules (core/spam.py) and how long messages are kept.
CONTACT_MIN_FILL_SECONDS = int(os.environ.get("CONTACT_MIN_FILL_SECONDS", "3"))
CONTACT_POSTS_PER_HOUR = int(os.environ.get("CONTACT_POSTS_PER_HOUR", "5"))
CONTACT_MAX_LINKS = 2
CONTACT_MAX_FIELD_LENGTH = 10_000
CONTACT_SUBMISSION_RETENTION_DAYS = int(os.environ.get("CONTACT_SUBMISSION_RETENTION_DAYS", "365"))

# Where the Donate page's PayPal forms post (campaigns.DonatePage); a test points it
# at a stand-in. The Donate page alone may post there (its form-action, not the site's).
PAYPAL_DONATE_URL = os.environ.get("PAYPAL_DONATE_URL", "https://www.paypal.com/donate")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # Wagtail's admin reads the CSRF cookie from JavaScript.
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Wagtail's preview panel frames the admin's own preview URLs: same origin only.
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Sent by SecurityMiddleware over HTTPS only, so a laptop on http:// never gets it.
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), browsing-topics=()"
)

# The public site runs no inline script at all. The admin is left out: Wagtail's
# editor and its preview panel rely on inline scripts and styles of their own,
# and only signed-in staff reach it. Embedded videos come from two players only.
VIDEO_PLAYERS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
MEDIA_ORIGIN = os.environ.get("MEDIA_ORIGIN", "")  # a CDN or S3 host for uploads
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *filter(None, [MEDIA_ORIGIN])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "frame-src": VIDEO_PLAYERS,
        "form-action": [SELF],
        "frame-ancestors": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

# Admin logins: five wrong passwords for one user from one address lock that
# pair out for fifteen minutes; a correct login resets the count.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/login_locked_out.html"
# Proxies in front (nginx, a CDN) that append to X-Forwarded-For: the visitor's
# address is read through them (core/client_address.py), here and in the contact form.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_address"
# Passwords of private pages and documents (core/passwords.py): five wrong ones from
# one address within fifteen minutes refuse every try from it, the right one too,
# until they are fifteen minutes old.
PASSWORD_FAILURE_LIMIT = 5
PASSWORD_LOCKOUT = timedelta(minutes=15)

# Two-factor sign-in for the admin (core/two_factor): administrators and these groups
# must confirm each sign-in with an authenticator app, a passkey or a recovery code;
# everyone else may choose to. A wrong code makes the next try wait 1, 2, 4 ... seconds.
TWO_FACTOR_REQUIRED_GROUPS = ["Moderators", "Finance"]
OTP_TOTP_ISSUER = "LFNKR"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# Passkeys (django-otp-webauthn) are bound to the admin's host name, the relying
# party: WEBAUTHN_RP_ID and the origins the admin is opened from (WEBAUTHN_ORIGINS,
# https:// or http://localhost). production.py takes both from WAGTAILADMIN_BASE_URL.
# A passkey is a second factor only, never a way in without the password.
OTP_WEBAUTHN_RP_ID = os.environ.get("WEBAUTHN_RP_ID", "localhost")
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("WEBAUTHN_ORIGINS", "http://localhost:8000")
OTP_WEBAUTHN_RP_NAME = "LFNKR"
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False


# Errors reach the log with their traceback: standard error always (gunicorn's error
# log under `make serve`), and an e-mail to ADMINS ("Name <address>, ...") when set.
ADMINS = [parseaddr(admin) for admin in env_list("ADMINS")]
SERVER_EMAIL = os.environ.get(
    "SERVER_EMAIL", os.environ.get("DEFAULT_FROM_EMAIL", "root@localhost")
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "plain"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django": {
            "handlers": ["stderr", "mail_admins"],
            "level": os.environ.get("LOG_LEVEL", "WARNING"),
            "propagate": False,
        },
    },
}


def require(name):
    """Fail at start-up, not at the first request, when a production setting is missing."""
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value
