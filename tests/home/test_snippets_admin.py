"""Editors manage the address and the donation options in the admin."""

import pytest
from django.urls import reverse

from campaigns.models import DonationOption
from home.models import OrganisationAddress
from tests.factories import DonationOptionFactory, OrganisationAddressFactory, sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    sign_in_verified(client, user)
    return client


def test_the_admin_lists_both_snippets(editor_client):
    OrganisationAddressFactory()
    DonationOptionFactory(label="PayPal")
    address_list = editor_client.get(reverse("wagtailsnippets_home_organisationaddress:list"))
    options_list = editor_client.get(reverse("wagtailsnippets_campaigns_donationoption:list"))
    assert "Life Funds for North Korean Refugees" in address_list.content.decode()
    assert "PayPal" in options_list.content.decode()


def test_an_editor_adds_a_donation_option_and_visitors_see_it(editor_client, client, home):
    response = editor_client.post(
        reverse("wagtailsnippets_campaigns_donationoption:add"),
        {
            "kind": "crowd_funding",
            "label": "Crowd funding",
            "description": "A fun and easy way to give",
            "url": "https://crowdfunding.example.org/lfnkr",
            "sort_order": "1",
            "active": "on",
        },
    )
    assert response.status_code == 302
    option = DonationOption.objects.get()
    assert option.locale.language_code == "en"
    assert '<a href="https://crowdfunding.example.org/lfnkr">Crowd funding</a>' in (
        client.get("/en/").content.decode()
    )


def test_a_donation_option_needs_somewhere_to_give(editor_client):
    response = editor_client.post(
        reverse("wagtailsnippets_campaigns_donationoption:add"),
        {"kind": "crowd_funding", "label": "Nowhere", "sort_order": "1", "active": "on"},
    )
    assert response.status_code == 200
    assert "Give the provider&#x27;s address or choose a page." in response.content.decode()
    assert not DonationOption.objects.exists()


def test_an_editor_edits_the_address(editor_client):
    address = OrganisationAddressFactory()
    response = editor_client.post(
        reverse("wagtailsnippets_home_organisationaddress:edit", args=[address.pk]),
        {
            "name": address.name,
            "representative": "Kato Hiroshi",
            "address_lines": "A-101 Nishi Kata Hyteru",
            "postal_code": "113-0024",
            "city": "Tokyo",
            "country": "Japan",
            "telephone": "+81-3-3815-8127",
            "fax": "",
            "contact_email": "not-an-email",
        },
    )
    assert response.status_code == 200
    assert OrganisationAddress.objects.get().contact_email == ""
