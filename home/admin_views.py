"""The translation status report: what the Japanese site still lacks."""

from django.db.models import F, OuterRef, Subquery
from django.shortcuts import render
from wagtail.models import Locale, Page

from campaigns.models import DonationOption
from news.models import NewsIndexPage, NewsPage

from .models import OrganisationAddress, SocialLink
from .translators import TRANSLATED_LANGUAGE


def translation_status(request):
    source_locale = Locale.get_default()
    target_locale, _ = Locale.objects.get_or_create(language_code=TRANSLATED_LANGUAGE)
    translated_keys = Page.objects.filter(locale=target_locale).values("translation_key")
    untranslated_years = (
        NewsIndexPage.objects.live()
        .filter(locale=source_locale)
        .exclude(translation_key__in=translated_keys)
        .order_by("-year")
    )
    untranslated = (
        NewsPage.objects.live()
        .filter(locale=source_locale)
        .exclude(translation_key__in=translated_keys)
        .newest_first()
    )
    untranslated_snippets = [
        snippet
        for model in (OrganisationAddress, DonationOption, SocialLink)
        for snippet in model.objects.filter(locale=source_locale).exclude(
            translation_key__in=model.objects.filter(locale=target_locale).values("translation_key")
        )
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
            "untranslated_years": untranslated_years,
            "untranslated_snippets": untranslated_snippets,
            "untranslated": untranslated,
            "out_of_date": out_of_date,
            "target_locale": target_locale,
            "page_title": "Translation status",
            "header_title": "Translation status",
            "header_icon": "site",
        },
    )
