from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from taggit.models import Tag

from core.cache import page_of_listing
from core.pages import home_page_for_request

from .models import NEWS_PER_PAGE, NewsPage


def topic(request, slug):
    """Every story of one topic in the visitor's language, newest first."""
    tag = get_object_or_404(Tag, slug=slug)
    home = home_page_for_request(request)
    if home is None:
        raise Http404
    stories = NewsPage.objects.shown_on(home).filter(topics=tag).newest_first().with_thumbnails()
    return TemplateResponse(
        request,
        "news/topic.html",
        {"topic": tag, "news": page_of_listing(request, stories, NEWS_PER_PAGE)},
    )
