"""Editors preview every kind of page, in English and in Japanese, before it goes out."""

import datetime

import pytest
from django.test import RequestFactory

from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    ContactPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationAddressFactory,
    StandardPageFactory,
    translate_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def every_page_type(home):
    OrganisationAddressFactory()
    year = NewsIndexPageFactory(parent=home, year=2014)
    campaigns = CampaignIndexPageFactory(parent=home)
    return {
        "home page": home,
        "news year": year,
        "news story": NewsPageFactory(
            parent=year,
            title="Draft Rescue Story",
            date=datetime.date(2014, 5, 1),
            live=False,
            body=[("paragraph", "<p>Not yet published.</p>")],
        ),
        "content page": StandardPageFactory(parent=home, title="About Us", live=False),
        "contact page": ContactPageFactory(parent=home, slug="contact-us", live=False),
        "campaign list": campaigns,
        "campaign": CampaignPageFactory(
            parent=campaigns, title="Winter Shelter", goal_amount=100_000, live=False
        ),
    }


def preview(page, admin_user):
    """What the admin's preview panel shows for the page's current content."""
    original = RequestFactory().get("/admin/")
    original.user = admin_user
    return page.specific.make_preview_request(original_request=original)


@pytest.mark.parametrize(
    "kind",
    [
        "home page",
        "news year",
        "news story",
        "content page",
        "contact page",
        "campaign list",
        "campaign",
    ],
)
def test_every_page_type_previews_in_english_and_japanese(every_page_type, admin_user, kind):
    page = every_page_type[kind]
    english = preview(page, admin_user)
    assert english.status_code == 200
    assert '<html lang="en"' in english.rendered_content
    assert page.title in english.rendered_content

    translation = translate_page(page, title=f"{page.title}（日本語）")
    japanese = preview(translation, admin_user)
    assert japanese.status_code == 200
    assert '<html lang="ja"' in japanese.rendered_content
    assert f"{page.title}（日本語）" in japanese.rendered_content
