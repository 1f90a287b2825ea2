"""hreflang alternates, the language switcher and the "not yet translated" note."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.http import urlencode
from django.utils.translation import get_language
from wagtail.models import Page

from core.lookups import locales
from core.memory import remembered
from core.pages import live_translations_of
from home.models import HomePage

register = template.Library()

UNTRANSLATED = "untranslated"


def live_translations(context):
    """{language code: page} for the page being shown and its live translations.

    Looked up once per request: the head's alternates and the switcher share it.
    """
    request, page = context["request"], context.get("page")
    if not isinstance(page, Page):
        return {}
    if getattr(request, "_live_translations_of", None) != page.pk:
        known = locales()
        request._live_translations = {
            known[translation.locale_id].language_code: translation
            for translation in live_translations_of(page)
            if translation.locale_id in known
        }
        request._live_translations_of = page.pk
    return request._live_translations


@register.simple_tag(takes_context=True)
def language_alternates(context, page):
    request = context["request"]
    if isinstance(page, Page):
        urls = {code: p.get_full_url(request) for code, p in live_translations(context).items()}
    else:
        # Views outside the page tree (search) exist in every language.
        here = request.build_absolute_uri()
        urls = {code: translate_url(here, code) for code, _ in settings.LANGUAGES}
    alternates = [{"hreflang": code, "url": url} for code, url in urls.items()]
    if settings.LANGUAGE_CODE in urls:
        alternates.append({"hreflang": "x-default", "url": urls[settings.LANGUAGE_CODE]})
    return alternates


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Each language: the same page in it, else its home page with a note, else left out."""
    request = context["request"]
    current = get_language()
    translations = live_translations(context)
    homes = None
    languages = []
    # The header is cached per page: only a search's words may follow the visitor to
    # another language, never whatever else the first visitor's address held.
    search_query = context.get("search_query")
    query = f"?{urlencode({'q': search_query})}" if search_query else ""
    for code, name in settings.LANGUAGES:
        untranslated = False
        if code == current:
            url = request.path + query
        elif translations.get(code):
            url = translations[code].get_url(request)
        elif isinstance(context.get("page"), Page):
            if homes is None:
                homes = remembered(
                    "live-homes",
                    lambda: {
                        h.locale.language_code: h
                        for h in HomePage.objects.live().select_related("locale")
                    },
                )
            if code not in homes:
                continue
            url = f"{homes[code].get_url(request)}?{UNTRANSLATED}=1"
            untranslated = True
        else:
            url = translate_url(request.path, code) + query
        languages.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "is_current": code == current,
                # Said before the click: this page has no version in that language.
                "untranslated": untranslated,
            }
        )
    return {"languages": languages}


@register.inclusion_tag("components/untranslated_note.html", takes_context=True)
def untranslated_note(context):
    request = context.get("request")
    return {"show": bool(request and request.GET.get(UNTRANSLATED))}
