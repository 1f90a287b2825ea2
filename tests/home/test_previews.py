"""Editors preview every kind of page, in English and in Japanese, before it goes out."""

import datetime

import pytest
from django.test import RequestFactory

from campaigns.models import CampaignPage
from home.models import ContactPage, StandardPage
from tests.factories import (
    CampaignIndexPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationAddressFactory,
    translate_page,
)

pytestmark = pytest.mark.django_db


def unpublished(parent, page):
    """A draft child of `parent`, as an editor sees it before publishing."""
    page.live = False
    return parent.add_child(instance=page)


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
        "content page": unpublished(home, StandardPage(title="About Us", slug="about-us")),
        "contact page": unpublished(home, ContactPage(title="Contact Us", slug="contact-us")),
        "campaign list": campaigns,
        "campaign": unpublished(
            campaigns,
            CampaignPage(title="Winter Shelter", slug="winter-shelter", goal_amount=100_000),
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
