from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_serve

from campaigns.paypal import receive_notification
from core.admin_guards import confirm_workflow_cancellation
from core.errors import refused
from core.passwords import limit_wrong_passwords
from core.robots import robots_txt
from core.sitemaps import MultilingualSitemap
from core.style_guide import style_guide
from core.uploads import serve_upload
from home import routing as page_routing
from home.search import search
from news.feeds import AtomNewsFeed, NewsFeed
from news.views import topic

handler500 = "core.errors.server_error"

urlpatterns = [
    # Snippets are made in their own editor, where the Translators' language rule
    # holds; Wagtail still routes a "create" in every snippet chooser, which made
    # nothing here and answered a POST with a 500.
    re_path(r"^admin/snippets/choose/[\w-]+/[\w-]+/create/$", refused),
    # Wagtail answers it to anyone in the admin; here only to who may edit the page.
    path(
        "admin/pages/workflow/confirm_cancellation/<int:page_id>/",
        confirm_workflow_cancellation,
    ),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's password forms for private documents and pages, with a limit on
    # wrong tries (core/passwords.py); routed before Wagtail's own, at their address.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        limit_wrong_passwords(wagtaildocs_serve.authenticate_with_password),
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # PayPal's payment notifications (django-paypal's view, CSRF-exempt, in no language).
    path("paypal/ipn/", receive_notification, name="paypal-ipn"),
]

# Uploaded photos, when no proxy or S3 serves MEDIA_URL (docs/deploy.md).
if settings.SERVE_MEDIA:
    media = settings.MEDIA_URL.strip("/")
    urlpatterns.append(re_path(rf"^{media}/(?P<path>.+)$", serve_upload, name="media"))

# Every public page lives under its language: /en/... and /ja/...; a request for
# "/" is redirected by LocaleMiddleware to the language the browser prefers.
urlpatterns += i18n_patterns(
    path("search/", search, name="search"),
    path("news/feed/", NewsFeed(), name="news_feed"),
    path("news/feed/atom/", AtomNewsFeed(), name="news_feed_atom"),
    path("news/<int:year>/feed/", NewsFeed(), name="year_feed"),
    path("news/<int:year>/feed/atom/", AtomNewsFeed(), name="year_feed_atom"),
    path("topics/<slug:slug>/", topic, name="topic"),
    # DEBUG only (404 otherwise); "_" keeps it clear of any page's slug.
    path("_style-guide/", style_guide, name="style_guide"),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        limit_wrong_passwords(wagtail_views.authenticate_with_password),
    ),
    # Wagtail's page serving, with the common addresses found from memory (home/routing.py).
    re_path(r"^((?:[\w\-]+/)*)$", page_routing.serve),
    path("", include(wagtail_urls)),
)
