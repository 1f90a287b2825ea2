"""Translations made by the site itself with wagtail-localize, for translators to finish.

Strings filled in here are flagged in wagtail-localize's editor as written by a
tool ("sample text"), not by a translator, so translators know to replace them.
"""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

# The language translators translate the English site into, and their group.
TRANSLATED_LANGUAGE = "ja"
TRANSLATORS = "Translators"
SAMPLE_TEXT = "Sample text by the website team: replace with LFNKR's own"


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


def is_translator_only(user):
    """A translator who is not also an editor or administrator of the English site."""
    if user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return TRANSLATORS in names and names <= {TRANSLATORS}


def may_change(user, instance):
    """Translators change things in the translated language only: the object's own
    locale decides, never what the request says."""
    if not is_translator_only(user):
        return True
    locale = instance.locale if instance.locale_id else None
    return locale is not None and locale.language_code == TRANSLATED_LANGUAGE


class TranslatableSnippetForm(WagtailAdminModelForm):
    """The admin form of a snippet in a language (models set it as base_form_class).

    Whatever route saves it (add, edit, copy), a Translator's save of an object
    outside the translated language is refused.
    """

    def clean(self):
        cleaned_data = super().clean()
        if self.for_user is not None and not may_change(self.for_user, self.instance):
            raise ValidationError(
                "Translators change the Japanese site only: this belongs to another language.",
                code="other-language",
            )
        return cleaned_data
