"""Stories file themselves under the year of their date; news years make themselves.

An editor only ever adds news: saving a story dated in a year without a news year
creates that year's page, live, in the original language and, when the translated
site exists, as its translation (with its own title), then moves the story and its
translations there. A news year published by hand gets its translation the same way,
so translating a story never has to copy an English year into the translated site.
"""

from django.conf import settings
from django.db import transaction
from wagtail.actions.move_page import MovePageAction
from wagtail.coreutils import find_available_slug
from wagtail.models import Page

from core.pages import add_live_child, home_of, original_home
from core.translation import japanese_locale, translate_with_sample_text

from .models import NewsIndexPage, NewsPage

# The title each language gives a news year; translators may change the Japanese one.
TITLES = {"en": "News from {year}", "ja": "{year}年のニュース"}


def news_year_for(home, year):
    """The news year `year` of `home`, an original-language home page: created live
    if missing, translated for the translated site."""
    news_year = NewsIndexPage.objects.child_of(home).filter(year=year).first()
    if news_year is None:
        title = TITLES[settings.LANGUAGE_CODE].format(year=year)
        # Going live translates it (news.signals).
        return add_live_child(home, NewsIndexPage(title=title, year=year))
    translate_news_year(news_year)  # a year from before the translated site
    return news_year


def translate_news_year(news_year):
    """Give an original-language news year its translation once the translated site's
    home page exists; returns (translation or None, whether it was created)."""
    if news_year.locale.language_code != settings.LANGUAGE_CODE:
        return None, False
    locale = japanese_locale()
    if news_year.get_parent().get_translation_or_none(locale) is None:
        return None, False
    title = TITLES[locale.language_code].format(year=news_year.year)
    return translate_with_sample_text(news_year, {"title": title})


def file_story(story, user=None):
    """Move an original-language story dated in another year than its news year's,
    and its translations, under that year in each language. Undated stories stay
    where the editor put them. Returns whether the story moved."""
    if story.date is None or story.locale.language_code != settings.LANGUAGE_CODE:
        return False
    parent = story.get_parent().specific
    if isinstance(parent, NewsIndexPage) and parent.year == story.date.year:
        return False
    home = home_of(story)
    home = original_home(home) or home
    with transaction.atomic():
        news_year = news_year_for(home, story.date.year)
        for page in NewsPage.objects.filter(translation_key=story.translation_key):
            target = news_year.get_translation_or_none(page.locale_id)
            if target is not None:
                move(page, target, user)
    return True


def move(page, news_year, user):
    """Move as the system: the editor may save the story, so it may go to its year."""
    page = page.specific
    slug = find_available_slug(news_year, page.slug, ignore_page_id=page.pk)
    if slug != page.slug:
        # Another story of that year has the slug: keep the URL unique, as Wagtail does.
        Page.objects.filter(pk=page.pk).update(slug=slug)
        page.slug = slug
    MovePageAction(page, news_year, pos="last-child", user=user).execute(
        skip_permission_checks=True
    )
