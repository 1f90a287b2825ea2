"""The Japanese site's starting point: the home page and address in Japanese.

The archive import translates them through wagtail-localize (core.translation), so
translators later see and edit each string in its translation editor.
"""

from collections import Counter

from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from core.translation import translate_with_sample_text

HOME_PAGE = {"title": "北朝鮮難民救援基金"}
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


def create_japanese_home(home):
    """The Japanese home page; home.signals gives the Translators its tree."""
    return translate_with_sample_text(home, HOME_PAGE)
