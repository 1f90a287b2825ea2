"""The translation status report: what the Japanese site still lacks."""

from dataclasses import dataclass, field

from django.db.models import F, OuterRef, Subquery
from django.shortcuts import render
from django.urls import reverse
from wagtail.models import Locale, Page

from campaigns.models import DonationOption
from core.translation import japanese_locale
from news.models import NewsIndexPage, NewsPage

from .models import OrganisationAddress, SocialLink


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
    translated = queryset.model.objects.filter(locale=target_locale).values("translation_key")
    return queryset.filter(locale=source_locale).exclude(translation_key__in=translated)


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
        for snippet in only_in(source_locale, target_locale, model.objects.all())
    ]
    sections = [
        UntranslatedSection(
            "Snippets only in English",
            ("Snippet", "Kind"),
            rows(snippets, lambda snippet: snippet._meta.verbose_name),
        ),
        UntranslatedSection(
            "News years only in English",
            ("Year",),
            rows(
                only_in(source_locale, target_locale, NewsIndexPage.objects.live()).order_by(
                    "-year"
                )
            ),
            intro="Translate a news year first: its stories are translated into it.",
        ),
        UntranslatedSection(
            "News stories only in English",
            ("Story", "Year"),
            rows(
                only_in(source_locale, target_locale, NewsPage.objects.live()).newest_first(),
                lambda story: story.filed_year,
            ),
            when_empty="Every news story has a translation.",
        ),
    ]

    source_published = Page.objects.filter(
        locale=source_locale, translation_key=OuterRef("translation_key")
    ).values("last_published_at")[:1]
    out_of_date = (
        Page.objects.filter(locale=target_locale)
        .annotate(source_published_at=Subquery(source_published))
        .filter(source_published_at__gt=F("last_published_at"))
        .order_by("-source_published_at")
    )
    return render(
        request,
        "home/admin/translation_status.html",
        {
            "sections": sections,
            "out_of_date": out_of_date,
            "target_locale": target_locale,
            "page_title": "Translation status",
            "header_title": "Translation status",
            "header_icon": "site",
        },
    )
