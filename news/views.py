from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from taggit.models import Tag

from core.cache import page_of_listing
from core.pages import home_page_for_request

from . import story_links
from .models import NEWS_PER_PAGE, topic_story_count, with_thumbnails


def topic(request, slug):
    """Every story of one topic in the visitor's language, newest first."""
    tag = get_object_or_404(Tag, slug=slug)
    home = home_page_for_request(request)
    if home is None:
        raise Http404
    count = topic_story_count(home, tag)
    stories = story_links.Listing(home, count, with_thumbnails, topic_id=tag.pk)
    return TemplateResponse(
        request,
        "news/topic.html",
        {"topic": tag, "news": page_of_listing(request, stories, NEWS_PER_PAGE, count=count)},
    )
