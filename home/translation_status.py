"""The translation status report: what the Japanese site still lacks, and who is on it.

Every Japanese page with an English source is in exactly one of three states: a
draft (in progress), live but older than its source (out of date), or live and
current (up to date). Anything without a Japanese version at all is "only in
English". The page costs the same few queries however many pages there are:
every per-row detail comes from annotations, and users are fetched in one batch.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import F, OuterRef, Q, Subquery
from django.shortcuts import render
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import SegmentOverride, StringTranslation, Translation

from campaigns.models import DonationOption
from core.translation import japanese_locale
from news.models import NewsIndexPage, NewsPage

from .models import OrganisationAddress, SocialLink

# The up-to-date list grows with the whole Japanese site; past this many rows it
# stops helping anyone, and the count in the heading says the rest.
UP_TO_DATE_SHOWN = 50


@dataclass
class UntranslatedSection:
    """One table of things that exist only in English, each with its translate link."""

    heading: str
    columns: tuple
    rows: list = field(default_factory=list)
    intro: str = ""
    when_empty: str = ""


def translate_url(instance, locale):
    if isinstance(instance, Page):
        url = reverse("wagtail_localize:submit_page_translation", args=[instance.pk])
    else:
        meta = instance._meta
        url = reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[meta.app_label, meta.model_name, instance.pk],
        )
    return f"{url}?select_locale={locale.language_code}"


def only_in(source_locale, target_locale, queryset):
    # Any Japanese version counts, a draft too: a started translation is listed as
    # in progress, not offered to be started a second time.
    translated = queryset.model.objects.filter(locale=target_locale).values("translation_key")
    return queryset.filter(locale=source_locale).exclude(translation_key__in=translated)


def english_keys(source_locale):
    """Translations of English pages only: a page written in Japanese has nothing to follow."""
    return Page.objects.filter(locale=source_locale).values("translation_key")


def latest(queryset, *, when, who):
    """The time and user of the newest row of `queryset` for each page (two subqueries)."""
    newest = queryset.order_by(f"-{when}")
    return Subquery(newest.values(when)[:1]), Subquery(newest.values(who)[:1])


def in_progress(source_locale, target_locale):
    """Japanese drafts of English pages, each with who last worked on it and when.

    wagtail-localize's editor saves every string as the translator types it
    (StringTranslation, SegmentOverride for images and links) but only makes a
    page revision on "Save draft": the strings are the truer record of the work,
    the revision covers the submission and drafts saved in Wagtail's own editor.
    The latest of the three wins. Translations wagtail-localize filled in without
    a person (sample text, machine fallbacks) are no one's work and are ignored.
    """
    page_key = OuterRef("translation_key")
    string_at, string_by = latest(
        StringTranslation.objects.filter(
            locale=target_locale, context__object_id=page_key, last_translated_by__isnull=False
        ),
        when="updated_at",
        who="last_translated_by",
    )
    override_at, override_by = latest(
        SegmentOverride.objects.filter(
            locale=target_locale, context__object_id=page_key, last_translated_by__isnull=False
        ),
        when="updated_at",
        who="last_translated_by",
    )
    started_at = Subquery(
        Translation.objects.filter(
            source__object_id=page_key, target_locale=target_locale, enabled=True
        ).values("created_at")[:1]
    )
    source = Page.objects.filter(locale=source_locale, translation_key=page_key)
    # A Japanese draft without an enabled Translation (made by copying the page, or
    # whose synchronisation was stopped) is unfinished work too: its edit link
    # opens Wagtail's own editor instead of wagtail-localize's.
    pages = list(
        Page.objects.filter(
            locale=target_locale, live=False, translation_key__in=english_keys(source_locale)
        ).annotate(
            source_title=Subquery(source.values("title")[:1]),
            started_at=started_at,
            revision_at=F("latest_revision__created_at"),
            revision_by=F("latest_revision__user_id"),
            string_at=string_at,
            string_by=string_by,
            override_at=override_at,
            override_by=override_by,
        )
    )
    for page in pages:
        marks = [
            (at, by)
            for at, by in (
                (page.revision_at, page.revision_by),
                (page.string_at, page.string_by),
                (page.override_at, page.override_by),
            )
            if at is not None
        ]
        page.worked_at, page.worked_by = max(marks, key=lambda mark: mark[0], default=(None, None))
    users = get_user_model().objects.in_bulk({page.worked_by for page in pages} - {None})
    for page in pages:
        page.worked_by = users.get(page.worked_by)
    # Newest work first; pages no one has touched since a data import go last.
    pages.sort(key=lambda page: (page.worked_at is not None, page.worked_at), reverse=True)
    return pages


def translation_status(request):
    source_locale = Locale.get_default()
    target_locale = japanese_locale()

    def rows(objects, *details):
        return [
            (obj, *(detail(obj) for detail in details), translate_url(obj, target_locale))
            for obj in objects
        ]

    snippets = [
        snippet
        for model in (OrganisationAddress, DonationOption, SocialLink)
        # Newest first: the most recently added snippet is the likeliest one missed.
        for snippet in only_in(source_locale, target_locale, model.objects.order_by("-pk"))
    ]
    other_pages = (
        only_in(source_locale, target_locale, Page.objects.live())
        .not_type(NewsPage, NewsIndexPage)
        .exclude(depth=1)  # Wagtail's root: not a page anyone sees or translates
        .order_by("-last_published_at")
    )
    only_in_english = [
        UntranslatedSection(
            "News stories",
            ("Story", "Year"),
            rows(
                only_in(source_locale, target_locale, NewsPage.objects.live()).newest_first(),
                lambda story: story.filed_year,
            ),
            when_empty="Every news story has a Japanese version.",
        ),
        UntranslatedSection(
            "News years",
            ("Year",),
            rows(
                only_in(source_locale, target_locale, NewsIndexPage.objects.live()).order_by(
                    "-year"
                )
            ),
            intro="Translate a news year first: its stories are translated into it.",
        ),
        UntranslatedSection(
            "Other pages",
            ("Page", "Kind"),
            rows(other_pages, lambda page: page.specific_class._meta.verbose_name),
        ),
        UntranslatedSection(
            "Snippets",
            ("Snippet", "Kind"),
            rows(snippets, lambda snippet: snippet._meta.verbose_name),
        ),
    ]

    source_published = Page.objects.filter(
        locale=source_locale, translation_key=OuterRef("translation_key")
    ).values("last_published_at")[:1]
    # Live translations of English pages; drafts are listed as in progress instead.
    published = Page.objects.filter(
        locale=target_locale, live=True, translation_key__in=english_keys(source_locale)
    ).annotate(source_published_at=Subquery(source_published))
    out_of_date = list(
        published.filter(source_published_at__gt=F("last_published_at")).order_by(
            "-source_published_at"
        )
    )
    # A page without a publication time (made by a data migration, as the English
    # home page is) cannot be shown to have moved on: it counts as current. Spelt
    # out rather than excluded, as SQL's NOT of a comparison with NULL is NULL.
    up_to_date = published.filter(
        Q(source_published_at__isnull=True)
        | Q(last_published_at__isnull=True)
        | Q(source_published_at__lte=F("last_published_at"))
    ).order_by(F("last_published_at").desc(nulls_last=True), "-pk")
    up_to_date_count = up_to_date.count()
    up_to_date_shown = list(up_to_date[:UP_TO_DATE_SHOWN])

    return render(
        request,
        "home/admin/translation_status.html",
        {
            "only_in_english": only_in_english,
            "only_in_english_count": sum(len(section.rows) for section in only_in_english),
            "in_progress": in_progress(source_locale, target_locale),
            "out_of_date": out_of_date,
            "up_to_date": up_to_date_shown,
            "up_to_date_count": up_to_date_count,
            "up_to_date_more": up_to_date_count - len(up_to_date_shown),
            "target_locale": target_locale,
            "page_title": "Translation status",
            "header_title": "Translation status",
            "header_icon": "site",
        },
    )
