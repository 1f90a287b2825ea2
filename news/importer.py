"""The old news page's stories and highlights as news years and news stories.

Idempotent: what already exists (matched by year, title and date) is left as it
is, so editors' later changes survive a second run, and nothing is created twice.
The whole site is built by home.setup, which calls this for the news.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.text import slugify
from wagtail.rich_text import RichText

from core.pages import add_live_child

from .filing import news_year_for, translate_news_year
from .models import NewsIndexPage, NewsPage

SLUG_LENGTH = 80


@dataclass
class ImportReport:
    """What an import created, year by year, and every other change it made."""

    created_per_year: Counter = field(default_factory=Counter)
    present_per_year: Counter = field(default_factory=Counter)
    changes: list = field(default_factory=list)

    @property
    def changed(self):
        return bool(sum(self.created_per_year.values()) or self.changes)


def import_news_years(archive, home, changes):
    """{year: news year} for every year of the archive, in both languages."""
    return {year: get_or_create_news_year(home, year, changes) for year in archive.years}


def get_or_create_news_year(home, year, changes):
    news_year = NewsIndexPage.objects.child_of(home).filter(year=year).first()
    if news_year is None:
        news_year = news_year_for(home, year)
        changes.append(f"Created the news year {year}.")
    elif translate_news_year(news_year)[1]:
        changes.append(f"Created the Japanese news year {year}.")
    return news_year


def story_body(item):
    blocks = [("heading", heading) for heading in item.extra_headings]
    blocks += [("paragraph", RichText(f"<p>{escape(p)}</p>")) for p in item.paragraphs]
    return blocks


def import_stories(archive, home, news_years, report):
    """Every item and highlight as a NewsPage, oldest first so newer pages sort later."""
    existing = defaultdict(set)
    taken_slugs = defaultdict(set)
    for page in NewsPage.objects.descendant_of(home):
        existing[page.filed_year].add((page.title, page.date))
        taken_slugs[page.filed_year].add(page.slug)

    new_pages = [
        (
            item.year,
            NewsPage(title=item.title, date=item.date, summary=item.summary, body=story_body(item)),
        )
        for item in reversed(archive.items)
    ] + [(h.year, NewsPage(title=h.title, is_highlight=True)) for h in reversed(archive.highlights)]
    for year, page in new_pages:
        if (page.title, page.date) in existing[year]:
            report.present_per_year[year] += 1
            continue
        page.slug = unique_slug(page.title, taken_slugs[year])
        add_live_child(news_years[year], page)
        existing[year].add((page.title, page.date))
        report.created_per_year[year] += 1


def unique_slug(title, taken):
    base = slugify(title)[:SLUG_LENGTH].strip("-") or "story"
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    taken.add(slug)
    return slug


def story_of(item):
    """The story imported from an item of the archive, or None."""
    return NewsPage.objects.filter(title=item.title, date=item.date).first()
