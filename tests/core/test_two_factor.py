"""Two-factor sign-in: a stolen password alone publishes nothing and reads no donor's name."""

import datetime
from datetime import timedelta
from decimal import Decimal
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from campaigns.models import Donation
from core.two_factor import new_recovery_codes
from news.models import NewsPage
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    member_of,
    totp_code,
    totp_device,
)

pytestmark = pytest.mark.django_db

DONATIONS = "/admin/campaigns/donation/"
VERIFY = "/admin/two-factor/verify/"
OVERVIEW = "/admin/two-factor/"


@pytest.fixture
def story(home):
    year = NewsIndexPageFactory(parent=home, year=2014)
    return NewsPageFactory(parent=year, title="Seven Defectors Reach Safety", publish=True)


@pytest.fixture
def donation(home):
    appeal = CampaignPageFactory(parent=CampaignIndexPageFactory(parent=home))
    return Donation.objects.create(
        campaign=appeal,
        amount=Decimal(30_000),
        channel="paypal",
        donor_name="Suzuki Ichiro",
        date_received=datetime.date(2014, 5, 1),
    )


def person(role):
    """Someone in a group, or an administrator (superuser), with a password."""
    if role == "administrator":
        user = member_of("Editors", "boss")
        user.is_superuser = True
        user.save()
        return user
    return member_of(role)


def password_only(client, user):
    """Signed in with the password, no second step: what a stolen password gives."""
    client.force_login(user)
    return client


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def publish_form(title):
    data = nested_form_data(
        {
            "title": title,
            "slug": "seven-defectors-reach-safety",
            "date": "2014-06-01",
            "summary": "Seven people crossed the border.",
            "body": streamfield([("paragraph", rich_text("<p>Safe.</p>"))]),
        }
    )
    return {**data, "action-publish": "1"}


def path_of(response):
    return urlsplit(response["Location"]).path


@pytest.mark.parametrize("role", ["administrator", "Moderators", "Finance"])
def test_a_password_alone_opens_only_the_set_up_page_for_those_who_must(
    client, role, story, donation
):
    password_only(client, person(role))
    for url in ["/admin/", edit_url(story), DONATIONS, "/admin/account/", "/admin/users/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert path_of(response) == OVERVIEW
    overview = client.get(OVERVIEW)
    assert overview.status_code == 200
    assert "must confirm each sign-in with a second factor" in overview.content.decode()


def test_with_a_second_factor_set_up_a_password_alone_is_asked_for_it(client, story):
    moderator = person("Moderators")
    totp_device(moderator)
    response = password_only(client, moderator).get(edit_url(story))
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2Fpages%2F{story.pk}%2Fedit%2F"
    assert "Confirm it is you" in client.get(response["Location"]).content.decode()


def test_a_stolen_moderator_password_cannot_publish_a_page(client, story):
    moderator = person("Moderators")
    totp_device(moderator)
    response = password_only(client, moderator).post(
        edit_url(story), publish_form("Defaced by an intruder")
    )
    assert response.status_code == 302 and path_of(response) == VERIFY
    story.refresh_from_db()
    assert story.title == "Seven Defectors Reach Safety"
    assert not story.has_unpublished_changes


@pytest.mark.parametrize("role", ["Finance", "administrator"])
def test_a_stolen_password_cannot_read_a_donors_name(client, role, donation):
    user = person(role)
    totp_device(user)
    password_only(client, user)
    for query in [{}, {"export": "csv"}, {"export": "xlsx"}, {"q": "Suzuki"}]:
        response = client.get(DONATIONS, query)
        assert response.status_code == 302 and path_of(response) == VERIFY
    edit = client.get(f"{DONATIONS}edit/{donation.pk}/")
    assert edit.status_code == 302 and "Suzuki" not in edit.content.decode()


def test_after_the_apps_code_a_moderator_edits_and_publishes(client, story):
    moderator = person("Moderators")
    device = totp_device(moderator)
    password_only(client, moderator)
    response = client.post(VERIFY, {"code": totp_code(device), "next": edit_url(story)})
    assert response.status_code == 302 and response["Location"] == edit_url(story)
    assert client.get(edit_url(story)).status_code == 200
    client.post(edit_url(story), publish_form("Seven Defectors Reach Safety at Last"))
    assert NewsPage.objects.get(pk=story.pk).title == "Seven Defectors Reach Safety at Last"


def test_after_the_apps_code_finance_reads_and_exports_donations(client, donation):
    finance = person("Finance")
    device = totp_device(finance)
    password_only(client, finance).post(VERIFY, {"code": totp_code(device)})
    assert "Suzuki Ichiro" in client.get(DONATIONS).content.decode()
    export = client.get(DONATIONS, {"export": "csv"})
    assert export.status_code == 200
    assert b"Suzuki Ichiro" in b"".join(export.streaming_content)


def test_a_wrong_code_is_refused_and_the_next_try_must_wait(client):
    finance = person("Finance")
    device = totp_device(finance)
    password_only(client, finance)
    right = totp_code(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    refused = client.post(VERIFY, {"code": wrong})
    assert refused.status_code == 200
    assert "That code is not right" in refused.content.decode()
    # Guessing is throttled: even the right code waits after a wrong one.
    throttled = client.post(VERIFY, {"code": right})
    assert "Too many wrong codes: wait" in throttled.content.decode()
    assert client.get(DONATIONS).status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # a throttled try is not even checked
    device.throttling_failure_timestamp -= timedelta(seconds=5)
    device.save()
    assert client.post(VERIFY, {"code": right}).status_code == 302
    assert client.get(DONATIONS).status_code == 200


def test_a_recovery_code_signs_in_once_only(client, django_user_model):
    finance = person("Finance")
    totp_device(finance)
    code = new_recovery_codes(finance)[0]
    response = password_only(client, finance).post(VERIFY, {"code": code.upper()})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get(DONATIONS).status_code == 200
    assert not StaticToken.objects.filter(token=code).exists()

    client.logout()
    password_only(client, finance)
    again = client.post(VERIFY, {"code": code})
    assert again.status_code == 200
    assert "That code is not right" in again.content.decode()
    assert client.get(DONATIONS).status_code == 302


def test_an_editor_is_offered_two_factor_sign_in_but_not_forced(client, story):
    password_only(client, person("Editors"))
    assert client.get(edit_url(story)).status_code == 200
    account = client.get("/admin/account/").content.decode()
    assert OVERVIEW in account and "Two-factor sign-in" in account
    overview = client.get(OVERVIEW).content.decode()
    assert "Set up an authenticator app" in overview and "Add a passkey" in overview
    assert "must confirm" not in overview


def test_an_editor_who_set_up_an_app_must_use_it(client, story):
    editor = person("Editors")
    totp_device(editor)
    response = password_only(client, editor).get(edit_url(story))
    assert response.status_code == 302 and path_of(response) == VERIFY


def test_setting_up_an_app_shows_a_qr_code_then_the_recovery_codes_once(client):
    moderator = person("Moderators")
    password_only(client, moderator)
    page = client.get("/admin/two-factor/authenticator/").content.decode()
    assert "<svg " in page and 'aria-label="QR code for your authenticator app"' in page
    assert "https://" not in page.split("<svg ", 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org/2000/svg", ""
    )
    key = client.session["two_factor_new_key"]
    setting_up = TOTPDevice(user=moderator, key=key)
    assert client.post("/admin/two-factor/authenticator/", {"code": "000000"}).status_code == 200
    assert not TOTPDevice.objects.filter(user=moderator).exists()

    response = client.post("/admin/two-factor/authenticator/", {"code": totp_code(setting_up)})
    assert response.status_code == 302
    assert path_of(response) == "/admin/two-factor/recovery-codes/"
    assert TOTPDevice.objects.get(user=moderator).key == key
    shown = client.get(response["Location"]).content.decode()
    codes = list(StaticToken.objects.filter(device__user=moderator).values_list("token", flat=True))
    assert len(codes) == 10
    assert all(f"{c[:4]} {c[4:]}" in shown for c in codes)
    # Shown once: the page then only counts them.
    later = client.get("/admin/two-factor/recovery-codes/").content.decode()
    assert codes[0][:4] + " " not in later and "10 recovery codes left" in later
    # Setting up the app verified this session: the admin is open.
    assert client.get("/admin/").status_code == 200


def test_a_password_alone_cannot_add_a_passkey_or_an_app_beside_the_real_one(client):
    moderator = person("Moderators")
    totp_device(moderator)
    password_only(client, moderator)
    begin = client.post("/admin/two-factor/passkeys/registration/begin/")
    assert begin.status_code == 403
    assert path_of(client.get("/admin/two-factor/authenticator/")) == VERIFY
    assert path_of(client.post("/admin/two-factor/recovery-codes/")) == OVERVIEW
    assert TOTPDevice.objects.filter(user=moderator).count() == 1


def test_verification_never_sends_anyone_to_another_site(client):
    moderator = person("Moderators")
    device = totp_device(moderator)
    password_only(client, moderator)
    response = client.post(VERIFY, {"code": totp_code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_on_the_public_site_a_password_alone_counts_as_a_visitor(client, story):
    moderator = person("Moderators")
    totp_device(moderator)
    html = password_only(client, moderator).get(story.url).content.decode()
    assert "wagtail-userbar" not in html


def test_an_administrator_resets_a_lost_phone(client):
    moderator = person("Moderators")
    device = totp_device(moderator)
    new_recovery_codes(moderator)
    password_only(client, moderator).post(VERIFY, {"code": totp_code(device)})
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id

    out = StringIO()
    call_command("reset_two_factor", "moderators", stdout=out)
    assert "Removed 2 second factor(s) of moderators" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=moderator).exists()
    # The session it verified is verified no more: set up a new second factor.
    response = client.get("/admin/")
    assert response.status_code == 302 and path_of(response) == OVERVIEW
