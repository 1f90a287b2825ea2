"""English under /en/, Japanese under /ja/, and a visitor always lands somewhere."""

import datetime
import re

import pytest
from django.conf import settings

from tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationAddressFactory,
    translate_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def japanese_home(home):
    return translate_page(home, title="北朝鮮難民救援基金")


@pytest.fixture
def story(home):
    year = NewsIndexPageFactory(parent=home, year=2014)
    return NewsPageFactory(
        parent=year,
        title="Crowd Funding to the Rescue",
        date=datetime.date(2014, 12, 11),
        summary="A new way to donate.",
    )


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("ja,en;q=0.5", "/ja/"),
        ("ja-JP", "/ja/"),
        ("en-US,en", "/en/"),
        ("fr", "/en/"),
        ("", "/en/"),
    ],
)
def test_the_root_sends_visitors_to_the_language_their_browser_prefers(
    client, home, accept_language, expected
):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_the_admin_stays_at_admin(client, home):
    assert client.get("/admin/login/").status_code == 200
    assert client.get("/en/admin/login/").status_code == 404


def test_each_language_has_its_html_lang_and_interface_text(client, japanese_home):
    english = client.get("/en/").content.decode()
    japanese = client.get("/ja/").content.decode()
    assert '<html lang="en">' in english and "Search Website" in english
    assert '<html lang="ja">' in japanese
    for text in ["サイト内検索", "最新ニュース", "本文へ移動", "迷惑メールはお断りします"]:
        assert text in japanese


def test_japanese_dates_and_undated_years_read_the_japanese_way(client, japanese_home, story):
    translate_page(story, title="クラウドファンディング")
    undated = NewsPageFactory(parent=story.get_parent(), title="Undated", date=None)
    translate_page(undated, title="日付のない記事")
    html = client.get("/ja/2014/").content.decode()
    assert '<time datetime="2014-12-11">2014年12月11日</time>' in html
    assert '<time datetime="2014">2014年</time>' in html
    assert "December 11, 2014" in client.get(story.url).content.decode()


def test_a_translated_story_links_its_languages_with_hreflang(client, japanese_home, story):
    japanese_story = translate_page(story, title="クラウドファンディングで救出を")
    for url in [story.url, japanese_story.url]:
        links = alternates(client.get(url).content.decode())
        assert links == {
            "en": f"http://localhost{story.url}",
            "ja": f"http://localhost{japanese_story.url}",
            "x-default": f"http://localhost{story.url}",
        }
    assert japanese_story.url.startswith("/ja/2014/")


def test_the_switcher_goes_to_the_same_story_in_the_other_language(client, japanese_home, story):
    japanese_story = translate_page(story, title="クラウドファンディングで救出を")
    html = client.get(story.url).content.decode()
    assert f'<a href="{japanese_story.url}" hreflang="ja" lang="ja">日本語</a>' in html
    back = client.get(japanese_story.url).content.decode()
    assert f'<a href="{story.url}" hreflang="en" lang="en">English</a>' in back


def test_without_a_translation_the_switcher_goes_home_with_a_note(client, japanese_home, story):
    html = client.get(story.url).content.decode()
    # Said before the click, in the language the link leads to.
    note = "（このページは未翻訳のためトップページへ）"
    assert (
        '<a href="/ja/?untranslated=1" hreflang="ja" lang="ja">日本語'
        f'<span class="language-switcher__note">{note}</span></a>'
    ) in html
    assert 'hreflang="ja" href' not in html  # no alternate for a missing translation
    landing = client.get("/ja/?untranslated=1")
    assert landing.status_code == 200
    assert "まだ日本語に翻訳されていない" in landing.content.decode()


def test_an_untranslated_url_under_ja_is_never_english(client, home, story):
    # No Japanese site at all yet: /ja/ must not show the English home page.
    response = client.get("/ja/")
    assert response.status_code == 302
    assert response["Location"] == "/en/?untranslated=1"


def test_the_japanese_footer_shows_the_japanese_address(client, japanese_home):
    english = OrganisationAddressFactory()
    japanese = english.copy_for_translation(japanese_home.locale)
    japanese.name = "北朝鮮難民救援基金"
    japanese.city = "東京都文京区"
    japanese.address_lines = "西片2-2-8"
    japanese.save()
    html = client.get("/ja/").content.decode()
    assert "〒113-0024<br>" in html and "東京都文京区西片2-2-8" in html
    assert "Nishi Kata" not in html


def test_search_is_in_the_visitors_language(client, japanese_home, story):
    japanese_story = translate_page(
        story, title="クラウドファンディング", summary="新しい寄付の方法です。"
    )
    japanese_html = client.get("/ja/search/", {"q": "寄付"}).content.decode()
    assert f'href="{japanese_story.url}"' in japanese_html
    # "Crowd" is in the English title only; the Japanese search does not show English pages.
    assert f'href="{story.url}"' not in client.get("/ja/search/", {"q": "Crowd"}).content.decode()
    english_html = client.get("/en/search/", {"q": "Crowd"}).content.decode()
    assert f'href="{story.url}"' in english_html
    assert "検索" in japanese_html and '<html lang="ja">' in japanese_html


def test_japanese_search_finds_an_untranslated_story_labelled_english_until_translated(
    client, japanese_home, story
):
    html = client.get("/ja/search/", {"q": "Crowd"}).content.decode()
    assert (
        '<span class="language-label">英語</span> '
        f'<a href="{story.url}" lang="en" hreflang="en">Crowd Funding to the Rescue</a>'
    ) in html
    assert '<time datetime="2014-12-11">2014年12月11日</time>' in html
    assert '<p lang="en">A new way to donate.</p>' in html

    japanese_story = translate_page(
        story, title="クラウドファンディング", summary="新しい寄付の方法です。"
    )
    html = client.get("/ja/search/", {"q": "寄付"}).content.decode()
    assert f'<a href="{japanese_story.url}">クラウドファンディング</a>' in html
    assert "英語" not in html.split("<main", 1)[1]
    assert f'href="{story.url}"' not in client.get("/ja/search/", {"q": "Crowd"}).content.decode()


def test_every_interface_text_has_its_japanese_translation():
    """A string left untranslated shows up in English on the Japanese site."""
    from babel.messages.pofile import read_po

    with open(settings.BASE_DIR / "locale/ja/LC_MESSAGES/django.po", "rb") as catalogue:
        messages = [message for message in read_po(catalogue) if message.id]
    missing = [message.id for message in messages if not message.string or message.fuzzy]
    assert missing == []
