from collections import namedtuple

from django import template
from django.conf import settings

from core.memory import remembered
from news.models import NewsPage

register = template.Library()


@register.filter
def untranslated_on(page, site_home):
    """The language a page is shown in on site_home's site when it is not translated
    into that site's language (only the original language's pages are), else ""."""
    if site_home is None or page.locale_id == site_home.locale_id:
        return ""
    return settings.LANGUAGE_CODE


# A highlight as the sidebar links it: its address worked out once per content version,
# as the sidebar is on every home and year page.
Highlight = namedtuple("Highlight", "title url filed_year original")


@register.inclusion_tag("components/past_highlights.html")
def past_highlights(site_home):
    """Every highlighted story, grouped by year, newest year and newest story first."""
    highlights = []
    if site_home is not None:
        highlights = remembered(("highlights", site_home.pk), lambda: highlights_of(site_home))
    return {"highlights": highlights}


def highlights_of(site_home):
    stories = (
        NewsPage.objects.shown_on(site_home)
        .filter(is_highlight=True)
        .order_by("-filed_year", "-pk")
        .only("title", "url_path", "path", "depth", "locale_id", "filed_year")
    )
    return [
        Highlight(story.title, story.get_url(), story.filed_year, untranslated_on(story, site_home))
        for story in stories
    ]
