"""The Japanese site's starting point: the home page and address in Japanese.

The archive import translates them through wagtail-localize (core.translation), so
translators later see and edit each string in its translation editor.
"""

from core.translation import translate_with_sample_text

HOME_PAGE = {"title": "北朝鮮難民救援基金"}
ADDRESS = {
    "name": "北朝鮮難民救援基金",
    "representative": "加藤博",
    "address_lines": "西片2-2-8\n西片ハイテル A-101",
    "city": "東京都文京区",
    "country": "日本",
}


def create_japanese_home(home):
    """The Japanese home page; home.signals gives the Translators its tree."""
    return translate_with_sample_text(home, HOME_PAGE)
