"""The Japanese site's starting point: the home page and address in Japanese.

The archive import translates them through wagtail-localize (core.translation), so
translators later see and edit each string in its translation editor. The pages it
has no Japanese text for say so in Japanese, and link their English original.
"""

from collections import Counter

from django.utils.html import escape
from wagtail.models import PageLogEntry, Revision
from wagtail.rich_text import RichText
from wagtail_localize.models import TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from core.translation import japanese_locale, translate_with_sample_text

HOME_PAGE_TITLE = "北朝鮮難民救援基金"
# The home page's two texts in Japanese, for the English ones home.setup writes (one
# paragraph each, so each is one segment in the translation editor).
HOME_PAGE_TEXTS = {
    "who_we_are": "北朝鮮難民救援基金（LFNKR）は東京の非政府組織（NGO）です。"
    "中国に潜伏する北朝鮮難民を救出し、北朝鮮の人権状況を伝えています。",
    "what_a_gift_does": "ご寄付は救出活動を支えます。読者の皆さまのご寄付で、北朝鮮難民が"
    "安全な場所にたどり着き、困窮する北朝鮮の人々に米や衣類、医薬品が届きました。"
    "資金が足りなければ、救出は止まってしまいます。",
}
ADDRESS = {
    "name": "北朝鮮難民救援基金",
    "representative": "加藤博",
    "address_lines": "西片2-2-8\n西片ハイテル A-101",
    "city": "東京都文京区",
    "country": "日本",
}

CONTACT_PAGE_TITLE = "お問い合わせ"
# One Japanese paragraph for each text the English page may have (the site's own
# "Thank you" reads the same in the interface catalogue).
CONTACT_PAGE_TEXT = {
    "intro": "北朝鮮難民救援基金へのご質問やご意見は、こちらのフォームからお送りください。",
    "thank_you_text": "ありがとうございます。メッセージを受け取りました。",
}
# The Japanese labels of the fields the import creates, by their English labels.
CONTACT_FORM_LABELS = {
    "Your name": "お名前",
    "Your e-mail address": "メールアドレス",
    "Your message": "お問い合わせ内容",
}


def contact_page_strings(page):
    """Sample Japanese for the contact page's strings, by wagtail-localize's paths.

    A text gets its Japanese paragraph only when the English one is a single
    paragraph without links: every paragraph of a longer text shares the field's path,
    and would all read the same sentence. Fields editors have added or renamed keep
    their English label for translators to translate.
    """
    strings = {"title": CONTACT_PAGE_TITLE}
    texts = [s for s in extract_segments(page) if isinstance(s, StringSegmentValue)]
    paragraphs = Counter(segment.path for segment in texts)
    linked = {segment.path for segment in texts if segment.attrs}
    for field, text in CONTACT_PAGE_TEXT.items():
        if paragraphs[field] == 1 and field not in linked:
            strings[field] = text
    for field in page.form_fields.all():
        if field.label in CONTACT_FORM_LABELS:
            path = f"form_fields.{field.translation_key}.label"
            strings[path] = CONTACT_FORM_LABELS[field.label]
    return strings


def create_japanese_home(home, written_by_import=None):
    """The Japanese home page; home.signals gives the Translators its tree.

    `written_by_import` is {field: HTML} of the texts home.setup wrote in English:
    a text still as written gets its Japanese; one an editor wrote does not get a
    translation of something else (translators translate it).
    """
    strings = {"title": HOME_PAGE_TITLE}
    for field, japanese in HOME_PAGE_TEXTS.items():
        english = (written_by_import or {}).get(field)
        if english and getattr(home, field) == english:
            strings[field] = japanese
    return translate_with_sample_text(home, strings)


# What a Japanese page the import translates says until a translator writes its
# Japanese: wagtail-localize fills every string it has no Japanese for with the
# English, which the Japanese site would then serve as Japanese. No words of the
# organisation's are invented: the page says its translation is being prepared and
# links the English page (hreflang: the link leads to English; its words are Japanese).
TRANSLATION_PENDING = "このページの日本語版は準備中です。"
READ_IN_ENGLISH = "英語版を読む"


def translation_pending_body(english):
    link = f'<a href="{escape(english.url)}" hreflang="en">{READ_IN_ENGLISH}</a>'
    return [("paragraph", RichText(f"<p>{TRANSLATION_PENDING}{link}</p>"))]


def strings_of(page, field):
    """The texts of one field as wagtail-localize sees them, by path."""
    return [
        (segment.path, segment.string.data)
        for segment in extract_segments(page)
        if isinstance(segment, StringSegmentValue)
        and (segment.path == field or segment.path.startswith(f"{field}."))
    ]


def copied_from(japanese, originals, field):
    """Whether the Japanese page's field is, string for string, one of the English ones."""
    strings = strings_of(japanese, field)
    return bool(strings) and any(strings == strings_of(page, field) for page in originals)


def touched_by_a_person(page):
    """Whether anyone saved, published or otherwise changed the page (wagtail-localize's
    editor and Wagtail's record the translator or editor; the import records no one)."""
    return (
        Revision.objects.for_instance(page).exclude(user=None).exists()
        or PageLogEntry.objects.filter(page=page).exclude(user=None).exists()
    )


def set_aside_english_copy(english):
    """Give the Japanese translation of `english` the TRANSLATION_PENDING note in place
    of the English body copied into it; True if it did.

    Only while its body is still the English one it was copied from (as wagtail-localize
    recorded the English page when translating it, or as it is now) and no person has
    touched it: a translator's publish, even of English words they chose to keep, is
    theirs. A summary copied from the English goes too (the description falls back to
    the site's own, in Japanese). Translating the page in wagtail-localize rebuilds the
    body from the English source and the translator's strings, replacing the note.
    """
    japanese = english.get_translation_or_none(japanese_locale())
    if japanese is None or not japanese.live:
        return False
    japanese = japanese.specific
    originals = [english]
    source = TranslationSource.objects.filter(
        object_id=english.translation_key, locale_id=english.locale_id
    ).first()
    if source is not None:
        originals.append(source.as_instance())
    if not copied_from(japanese, originals, "body") or touched_by_a_person(japanese):
        return False
    if copied_from(japanese, originals, "summary"):
        japanese.summary = ""
    japanese.body = translation_pending_body(english)
    japanese.save_revision().publish()
    return True
