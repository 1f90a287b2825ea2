"""Issue 12: a Translator changes Japanese snippets only, whatever route or request data."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale

from campaigns.models import DonationOption
from core.translation import TRANSLATORS
from home.models import OrganisationAddress
from tests.factories import (
    DonationOptionFactory,
    OrganisationAddressFactory,
    japanese,
    sign_in_verified,
)

pytestmark = pytest.mark.django_db

ATTACKER_URL = "https://paypal.example.net/steal"


@pytest.fixture
def translator(client, django_user_model, home):
    user = django_user_model.objects.create_user("yuki", password="pw")
    user.groups.add(Group.objects.get(name=TRANSLATORS))
    sign_in_verified(client, user)
    return user


@pytest.fixture
def paypal():
    return DonationOptionFactory(
        label="PayPal", kind="paypal", url="https://www.paypal.com/donate/"
    )


def option_form(**changes):
    return {
        "kind": "paypal",
        "label": "PayPal",
        "description": "",
        "url": ATTACKER_URL,
        "link_page": "",
        "transfer_details": "",
        "sort_order": "0",
        "active": "on",
        **changes,
    }


def url(view, *args, query=""):
    return reverse(f"wagtailsnippets_campaigns_donationoption:{view}", args=args) + query


def english_options_hold_no_attacker_url():
    return not DonationOption.objects.filter(locale=Locale.get_default(), url=ATTACKER_URL).exists()


def test_copying_an_english_option_as_japanese_leaves_it_alone(client, translator, paypal):
    client.post(url("copy", paypal.pk, query="?locale=ja"), option_form())
    paypal.refresh_from_db()
    assert paypal.url == "https://www.paypal.com/donate/"
    assert english_options_hold_no_attacker_url()


def test_a_japanese_locale_in_the_form_alone_adds_no_english_option(client, translator, paypal):
    response = client.post(url("add"), option_form(locale="ja"))
    assert response.status_code in (302, 403)
    assert english_options_hold_no_attacker_url()
    assert DonationOption.objects.count() == 1


def test_english_options_cannot_be_edited_or_deleted(client, translator, paypal):
    client.post(url("edit", paypal.pk, query="?locale=ja"), option_form())
    client.post(url("delete", paypal.pk))
    bulk = reverse("wagtail_bulk_action", args=["campaigns", "donationoption", "delete"])
    client.post(f"{bulk}?id={paypal.pk}")
    paypal.refresh_from_db()
    assert paypal.url == "https://www.paypal.com/donate/"


def test_the_english_address_cannot_be_changed_through_a_copy(client, translator):
    address = OrganisationAddressFactory()
    copy = reverse("wagtailsnippets_home_organisationaddress:copy", args=[address.pk])
    client.post(f"{copy}?locale=ja", {"name": "Fake Charity", "address_lines": ""})
    address.refresh_from_db()
    assert address.name == "Life Funds for North Korean Refugees"
    assert not OrganisationAddress.objects.filter(name="Fake Charity").exists()


def test_a_translator_still_adds_a_japanese_option(client, translator, paypal):
    response = client.post(
        url("add", query="?locale=ja"), option_form(url="https://www.paypal.com/donate/")
    )
    assert response.status_code == 302
    assert DonationOption.objects.filter(locale=japanese()).count() == 1
