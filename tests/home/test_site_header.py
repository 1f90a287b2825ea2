"""The header and footer every page shares: the organisation's logo, its menu, its feeds."""

import pytest

from core.translation import translate_with_sample_text
from home.japanese import ADDRESS, create_japanese_home
from home.models import OrganisationAddress
from tests.factories import ImageFactory, NewsIndexPageFactory, OrganisationAddressFactory

pytestmark = pytest.mark.django_db


def header_of(client, url):
    return client.get(url).content.decode().split("</header>")[0]


def test_a_logo_set_on_the_english_address_heads_both_languages(client, home):
    create_japanese_home(home)
    english = OrganisationAddressFactory()
    translate_with_sample_text(english, ADDRESS)
    assert "site-name__logo" not in header_of(client, "/en/")

    english.logo = ImageFactory(title="LFNKR logo")
    english.save()

    for url in ["/en/", "/ja/"]:
        header = header_of(client, url)
        assert 'class="site-name__logo"' in header, url
        assert 'alt=""' in header  # the name is written beside it
    japanese_address = OrganisationAddress.objects.get(locale__language_code="ja")
    assert japanese_address.logo == english.logo

    japanese_address.logo = None
    japanese_address.save()
    assert "site-name__logo" not in header_of(client, "/en/")


def test_the_years_are_in_a_folding_menu_not_a_row_of_links(client, home):
    for year in range(2002, 2027):
        NewsIndexPageFactory(parent=home, year=year)
    header = header_of(client, "/en/")
    menu = header.split('<details class="site-menu"')[1].split("</nav>")[0]
    assert "<summary" in menu
    for year in range(2002, 2027):
        assert f">{year}</a>" in menu


def test_the_footer_offers_the_news_feeds(client, home):
    create_japanese_home(home)
    footer = client.get("/ja/").content.decode().split("<footer")[1]
    assert 'href="/ja/news/feed/"' in footer
    assert 'href="/ja/news/feed/atom/"' in footer
