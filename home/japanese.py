"""The Japanese site's starting point, made with wagtail-localize.

The archive import translates the home page and the snippets through
wagtail-localize, so translators later see and edit each string in its
translation editor. The Japanese text stands in for the organisation's own and
is flagged there as written by a tool ("sample text"), not by a translator.
"""

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from .translators import TRANSLATED_LANGUAGE

SAMPLE_TEXT = "Sample text by the website team: replace with LFNKR's own"

HOME_PAGE = {"title": "北朝鮮難民救援基金"}
ADDRESS = {
    "name": "北朝鮮難民救援基金",
    "representative": "加藤博",
    "address_lines": "西片2-2-8\n西片ハイテル A-101",
    "city": "東京都文京区",
    "country": "日本",
}


def japanese_locale():
    return Locale.objects.get_or_create(language_code=TRANSLATED_LANGUAGE)[0]


def translate_with_sample_text(instance, strings):
    """Create (or keep) the Japanese translation of `instance`, its strings filled in."""
    locale = japanese_locale()
    existing = instance.get_translation_or_none(locale)
    if existing is not None:
        return existing, False
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = strings.get(segment.context.path)
        if text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": text,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
                    "tool_name": SAMPLE_TEXT,
                },
            )
    # wagtail-localize would publish when the transaction commits, from a copy of
    # the page taken now; pages added below it before then would vanish from its
    # child count. So the draft is published here, from the database.
    is_page = isinstance(instance, Page)
    translation.save_target(publish=not is_page)
    translated = instance.get_translation(locale)
    if is_page:
        translated.get_latest_revision().publish()
        translated.refresh_from_db()
    return translated, True


def create_japanese_home(home):
    """The Japanese home page; home.signals gives the Translators its tree."""
    return translate_with_sample_text(home, HOME_PAGE)
