"""The Finance team sees this month's gifts on the admin dashboard; nobody else does."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from campaigns.models import Donation
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    DonationFactory,
    member_of,
    sign_in_verified,
    translate_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def gifts(home):
    today = timezone.localdate()
    rescue = CampaignPageFactory(parent=CampaignIndexPageFactory(parent=home), title="Rescue fund")
    rescue_ja = translate_page(rescue, title="救出基金")
    gift = DonationFactory(campaign=rescue, amount=10_000, fee=400, date_received=today)
    DonationFactory(campaign=rescue_ja, amount=5_000, date_received=today)
    DonationFactory(campaign=rescue, amount=Decimal("20.00"), currency="USD", date_received=today)
    DonationFactory(amount=3_000, date_received=today)  # general funds
    DonationFactory(campaign=rescue, amount=-1_000, fee=-40, refund_of=gift, date_received=today)
    last_month = today.replace(day=1) - datetime.timedelta(days=1)
    DonationFactory(campaign=rescue, amount=777_777, date_received=last_month)
    return rescue


def panel_of(client):
    html = client.get("/admin/").content.decode()
    if 'id="gifts-this-month-heading"' not in html:
        return None
    return html.split('id="gifts-this-month-heading"')[1].split("</section>")[0]


def rows_of(panel):
    return [
        " ".join(cell.split("<")[0] for cell in row.split("<td>")[1:]).split()
        for row in panel.split("<tr>")[2:]
    ]


def test_finance_sees_this_months_gifts_per_campaign_and_currency(client, gifts):
    sign_in_verified(client, member_of("Finance"))
    panel = panel_of(client)
    assert timezone.localdate().strftime("%B %Y") in panel
    # The English and Japanese pages are one appeal; the refund comes off; last
    # month's gift is not there.
    assert rows_of(panel) == [
        ["Rescue", "fund", "2", "14,000", "JPY", "13,640", "JPY"],
        ["Rescue", "fund", "1", "20", "USD", "20", "USD"],
        ["General", "funds", "1", "3,000", "JPY", "3,000", "JPY"],
    ]
    assert "777" not in panel


def test_an_editor_does_not_see_the_gifts(client, gifts):
    sign_in_verified(client, member_of("Editors"))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert panel_of(client) is None
    assert "14,000" not in response.content.decode()


def test_the_panel_says_when_no_gift_came_this_month(client, home):
    Donation.objects.all().delete()
    sign_in_verified(client, member_of("Finance"))
    assert "No gift recorded this month yet." in panel_of(client)
