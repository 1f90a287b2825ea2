import functools

from django import template
from django.conf import settings
from django.utils import formats, translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext
from wagtail.templatetags.wagtailcore_tags import pageurl

from core.memory import remembered
from core.templatetags.language_labels import language_label
from news.models import NewsPage, news_years_with_counts

register = template.Library()


@register.filter
def untranslated_on(page, site_home):
    """The language a page is shown in on site_home's site when it is not translated
    into that site's language (only the original language's pages are), else ""."""
    if site_home is None or page.locale_id == site_home.locale_id:
        return ""
    return settings.LANGUAGE_CODE


# A listing shows each story as a link and a date: Python tags, not included templates,
# because an {% include %} with its context and the `date` filter cost ~0.1 ms a story,
# a fifth of a year page's time (issue 16).


register.simple_tag(language_label)  # for the story templates that load news_tags


@register.simple_tag(takes_context=True)
def story_link(context, story, original=""):
    """A link to a story; one not yet translated on this site is labelled and marked
    with its language (`original`, from `untranslated_on`)."""
    if not original:
        return format_html('<a href="{}">{}</a>', pageurl(context, story), story.title)
    return format_html(
        '{} <a href="{}" lang="{}" hreflang="{}">{}</a>',
        language_label(),
        pageurl(context, story),
        original,
        original,
        story.title,
    )


@register.simple_tag
def news_date(story):
    """A story's date as <time>, or its year when only the year is known."""
    if story.date:
        return format_html(
            '<time datetime="{}">{}</time>', story.date.isoformat(), date_in_words(story.date)
        )
    year = pgettext("year of an undated story", "%(year)s") % {"year": story.year}
    return format_html('<time datetime="{}">{}</time>', story.year, year)


def date_in_words(day):
    return date_in_language(day, translation.get_language())


@functools.lru_cache(maxsize=10_000)
def date_in_language(day, language):
    """The `date` filter's DATE_FORMAT, remembered: formatting a date is slow in Django."""
    return formats.date_format(day, "DATE_FORMAT")


@register.simple_tag
def year_menu_items(news_years, page):
    """The menu's <li> of each news year, the one being read marked as current: in the
    header of every page, 25 links written here in a tenth of the 1.3 ms the
    template's loop took (issue 16)."""
    current = getattr(page, "pk", None)
    marked = ' aria-current="page"'
    return mark_safe(  # noqa: S308 (the addresses are escaped here, years are numbers)
        "".join(
            f'<li><a href="{escape(news_year.link)}"{marked if news_year.pk == current else ""}>'
            f"{news_year.year}</a></li>"
            for news_year in news_years
        )
    )


@register.simple_tag
def year_list_items(news_years, current):
    """The years list's <li> of each news year with its count of stories, the year
    being read not a link (home and year pages; see year_menu_items)."""
    current = getattr(current, "pk", None)
    return mark_safe(  # noqa: S308 (as year_menu_items)
        "".join(
            f'<li><span aria-current="page">{news_year.year}</span> ({news_year.story_count})</li>'
            if news_year.pk == current
            else f'<li><a href="{escape(news_year.link)}">{news_year.year}</a>'
            f" ({news_year.story_count})</li>"
            for news_year in news_years
        )
    )


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


@register.simple_tag
def highlight_items(highlights):
    """The <li> of each highlight of a year (highlights_of): a hundred links on every
    home and year page of a large archive, written here in a tenth of the time the
    template's loop took."""
    label = language_label()
    return mark_safe(  # noqa: S308 (titles and addresses are escaped by highlights_of)
        "".join(
            f'<li>{label} <a href="{story["url"]}" lang="{story["original"]}"'
            f' hreflang="{story["original"]}">{story["title"]}</a></li>'
            if story["original"]
            else f'<li><a href="{story["url"]}">{story["title"]}</a></li>'
            for story in highlights
        )
    )


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
