from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from taggit.models import Tag
from wagtail.models import Locale

from core.cache import page_of_listing

from .models import NEWS_PER_PAGE, NewsPage


def topic(request, slug):
    """Every story of one topic in the visitor's language, newest first."""
    tag = get_object_or_404(Tag, slug=slug)
    stories = (
        NewsPage.objects.live()
        .public()
        .filter(locale=Locale.get_active(), topics=tag)
        .newest_first()
        .with_thumbnails()
    )
    return TemplateResponse(
        request,
        "news/topic.html",
        {"topic": tag, "news": page_of_listing(request, stories, NEWS_PER_PAGE)},
    )
