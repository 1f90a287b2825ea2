from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_serve

from core.passwords import limit_wrong_passwords
from core.robots import robots_txt
from core.sitemaps import MultilingualSitemap
from home.search import search
from news.feeds import AtomNewsFeed, NewsFeed
from news.views import topic

handler500 = "core.errors.server_error"

urlpatterns = [
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
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page lives under its language: /en/... and /ja/...; a request for
# "/" is redirected by LocaleMiddleware to the language the browser prefers.
urlpatterns += i18n_patterns(
    path("search/", search, name="search"),
    path("news/feed/", NewsFeed(), name="news_feed"),
    path("news/feed/atom/", AtomNewsFeed(), name="news_feed_atom"),
    path("news/<int:year>/feed/", NewsFeed(), name="year_feed"),
    path("news/<int:year>/feed/atom/", AtomNewsFeed(), name="year_feed_atom"),
    path("topics/<slug:slug>/", topic, name="topic"),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        limit_wrong_passwords(wagtail_views.authenticate_with_password),
    ),
    path("", include(wagtail_urls)),
)
