"""/sitemap.xml: every public page in every language, each with its translations.

Wagtail's own sitemap lists the default site's tree only, which leaves out the
Japanese home page and everything under it.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    def items(self):
        under_a_home = Q(pk__in=[])
        # Each language's home page is a child of the tree's root.
        for home in Page.objects.live().public().filter(depth=2):
            under_a_home |= Q(path__startswith=home.path)
        return (
            Page.objects.live()
            .public()
            .filter(under_a_home)
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        translations = defaultdict(list)
        for item in pages:
            translations[item.translation_key].append(item)
        urls = []
        for item in pages:
            alternates = [
                {"lang_code": t.locale.language_code, "location": t.get_full_url(self.request)}
                for t in translations[item.translation_key]
            ]
            default = next(
                (a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE), None
            )
            if len(alternates) > 1 and default:
                alternates.append({"lang_code": "x-default", "location": default["location"]})
            for url_info in item.get_sitemap_urls(self.request):
                url_info["alternates"] = alternates if len(alternates) > 1 else []
                urls.append(url_info)
        lastmods = [u.get("lastmod") for u in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
