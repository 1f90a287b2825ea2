"""The Finance team's donation records in the admin (wagtail-modeladmin)."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission

from campaigns.models import Donation
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    member_of,
    sign_in_verified,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/campaigns/donation/"


@pytest.fixture
def donations(home):
    appeals = CampaignIndexPageFactory(parent=home)
    rescue = CampaignPageFactory(parent=appeals, title="Rescue fund")
    food = CampaignPageFactory(parent=appeals, title="Food aid", goal_amount=100_000)
    Donation.objects.create(
        campaign=rescue,
        amount=Decimal(30_000),
        channel="paypal",
        donor_name="Suzuki Ichiro",
        donor_email="ichiro@example.jp",
        transaction_id="61E67681CH3238416",
        fee=Decimal(1_200),
        date_received=datetime.date(2014, 5, 1),
    )
    Donation.objects.create(
        campaign=food,
        amount=Decimal(5_000),
        channel="cash",
        date_received=datetime.date(2014, 6, 1),
    )
    return {"rescue": rescue, "food": food}


def row_link(donation):
    return f'href="{LIST_URL}edit/{donation.pk}/"'


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def login_as(client, django_user_model, group=None, superuser=False, extra=()):
    if superuser:
        user = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    else:
        user = django_user_model.objects.create_user("someone", password="pw")
    if group:
        user.groups.add(Group.objects.get(name=group))
    for codename in extra:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    sign_in_verified(client, user)
    return user


def test_finance_sees_the_list_with_donor_names(client, django_user_model, donations):
    login_as(client, django_user_model, group="Finance")
    html = client.get(LIST_URL).content.decode()
    assert "Rescue fund" in html and "Food aid" in html
    assert "Suzuki Ichiro" in html and "Anonymous" in html


def test_others_with_access_do_not_see_donor_names(client, django_user_model, donations):
    login_as(client, django_user_model, extra=["access_admin", "view_donation", "change_donation"])
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert "Suzuki Ichiro" not in response.content.decode()
    edit = client.get(f"{LIST_URL}edit/{Donation.objects.get(channel='paypal').pk}/")
    assert "Suzuki Ichiro" not in edit.content.decode()
    exported = body_of(client.get(LIST_URL, {"export": "csv"})).decode()
    assert "Suzuki" not in exported and "ichiro@" not in exported
    assert "ichiro@" not in edit.content.decode()
    # Searching by a donor's name finds nothing for someone who may not see names.
    searched = client.get(LIST_URL, {"q": "Suzuki"}).content.decode()
    assert row_link(Donation.objects.get(channel="paypal")) not in searched


def test_the_list_filters_by_campaign_and_channel_and_searches_donors(
    client, django_user_model, donations
):
    login_as(client, django_user_model, superuser=True)
    by_campaign = client.get(
        LIST_URL, {"campaign__id__exact": donations["food"].pk}
    ).content.decode()
    assert "Food aid" in by_campaign and "30,000" not in by_campaign and "30000" not in by_campaign
    by_channel = client.get(LIST_URL, {"channel__exact": "paypal"}).content.decode()
    assert "Suzuki Ichiro" in by_channel and "Anonymous" not in by_channel
    found = client.get(LIST_URL, {"q": "Suzuki"}).content.decode()
    assert "Suzuki Ichiro" in found and "Anonymous" not in found


def test_the_list_exports_to_csv_and_excel(client, django_user_model, donations):
    login_as(client, django_user_model, group="Finance")
    csv = client.get(LIST_URL, {"export": "csv"})
    assert csv.status_code == 200
    text = body_of(csv).decode()
    assert "Suzuki Ichiro" in text and "30000" in text
    # PayPal's gifts carry their transaction, fee, net and the receipt's address.
    assert "1200.00,28800.00,paypal,61E67681CH3238416,-,Suzuki Ichiro,ichiro@example.jp" in text
    xlsx = client.get(LIST_URL, {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert body_of(xlsx)[:2] == b"PK"  # an Excel workbook is a zip file


def test_an_editor_without_donation_rights_cannot_open_the_list(
    client, django_user_model, donations
):
    login_as(client, django_user_model, extra=["access_admin"])
    assert client.get(LIST_URL).status_code in (302, 403)


@pytest.mark.parametrize("group", ["Editors", "Moderators", "Translators"])
def test_only_finance_exports_donations(client, donations, group):
    sign_in_verified(client, member_of(group))
    for export in ("csv", "xlsx"):
        response = client.get(LIST_URL, {"export": export})
        assert response.status_code in (302, 403)
        assert b"30000" not in body_of(response) and b"Suzuki" not in body_of(response)
