"""Page addresses are built without reverse() (core.pages.PageMetadataMixin.get_url_parts,
issue 16) and are the same as Wagtail's own, in both languages, whatever the slug."""

import datetime

import pytest
from django.utils import translation
from wagtail.models import Page

from tests.factories import NewsIndexPageFactory, NewsPageFactory, translate_page

pytestmark = pytest.mark.django_db


def test_every_page_has_the_address_wagtail_would_give_it(client, home):
    year = NewsIndexPageFactory(parent=home, year=2014)
    story = NewsPageFactory(parent=year, title="Rescue", date=datetime.date(2014, 3, 1))
    NewsPageFactory(parent=year, title="難民の救出", slug="難民の救出")
    translate_page(home, title="北朝鮮難民救援基金")
    translate_page(story, title="救出")

    pages = list(Page.objects.filter(depth__gt=1).specific())
    assert len(pages) >= 6
    for language in ("en", "ja"):
        with translation.override(language):
            for page in pages:
                assert page.get_url_parts() == Page.get_url_parts(page), page.url_path

    japanese_slug = NewsPageFactory._meta.model.objects.get(slug="難民の救出")
    assert japanese_slug.url == "/en/2014/%E9%9B%A3%E6%B0%91%E3%81%AE%E6%95%91%E5%87%BA/"
    assert client.get(japanese_slug.url).status_code == 200
