"""The Japanese site's starting point: the home page and address in Japanese.

The archive import translates them through wagtail-localize (core.translation), so
translators later see and edit each string in its translation editor.
"""

from collections import Counter

from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from core.translation import translate_with_sample_text

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
