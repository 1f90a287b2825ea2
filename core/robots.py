from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import override
from django.views.decorators.http import require_GET


@require_GET
def robots_txt(request):
    """Keep crawlers out of the admin and the search results; point them at the sitemap."""
    lines = ["User-agent: *", "Disallow: /admin/"]
    for code, _ in settings.LANGUAGES:
        with override(code):
            lines.append(f"Disallow: {reverse('search')}")
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
