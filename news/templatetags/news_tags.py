from django import template
from django.conf import settings
from django.utils.html import escape

from core.memory import remembered
from news.models import NewsPage, news_years_with_counts

register = template.Library()


@register.filter
def untranslated_on(page, site_home):
    """The language a page is shown in on site_home's site when it is not translated
    into that site's language (only the original language's pages are), else ""."""
    if site_home is None or page.locale_id == site_home.locale_id:
        return ""
    return settings.LANGUAGE_CODE


# The sidebar is a way into the archive, not the archive: a year shows this many of its
# highlights (the old site's years had at most 5) and links to its page for the rest.
HIGHLIGHTS_PER_YEAR = 5


@register.inclusion_tag("components/past_highlights.html")
def past_highlights(site_home):
    """The highlighted stories by year, newest year and newest story first, at most
    HIGHLIGHTS_PER_YEAR of each year."""
    years = []
    if site_home is not None:
        years = remembered(("highlights", site_home.pk), lambda: highlights_of(site_home))
    return {"highlight_years": years}


def highlights_of(site_home):
    stories = (
        NewsPage.objects.shown_on(site_home)
        .filter(is_highlight=True)
        .order_by("-filed_year", "-pk")
        .only("title", "url_path", "path", "depth", "locale_id", "filed_year")
    )
    by_year = {}
    for story in stories:
        by_year.setdefault(story.filed_year, []).append(story)
    year_urls = {news_year.year: news_year.link for news_year in news_years_with_counts(site_home)}
    # The sidebar is on every home and year page: each link is made (address worked out,
    # title escaped) once per content version, as plain dicts, which templates read
    # fastest.
    return [
        {
            "year": year,
            "highlights": [
                {
                    "title": escape(story.title),
                    "url": escape(story.get_url()),
                    "original": untranslated_on(story, site_home),
                }
                for story in of_year[:HIGHLIGHTS_PER_YEAR]
            ],
            "more_url": year_urls.get(year) if len(of_year) > HIGHLIGHTS_PER_YEAR else None,
        }
        for year, of_year in by_year.items()
    ]
