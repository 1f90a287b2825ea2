"""Two-factor sign-in in Chromium: an authenticator app, then a passkey (a virtual one)."""

import os
import re
from base64 import b32decode

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.factories import VOLUNTEER_PASSWORD, member_of, totp_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# TWO_FACTOR_SCREENSHOTS=folder keeps a screenshot of each step, to look at.
SCREENSHOTS = os.environ.get("TWO_FACTOR_SCREENSHOTS")


def shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


def sign_in_with_password(page, live_server, username):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(VOLUNTEER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_moderator_sets_up_an_authenticator_app_and_signs_in_with_it(browser, live_server, home):
    moderator = member_of("Moderators", "kenji")
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    sign_in_with_password(page, live_server, "kenji")
    # The password alone opens the set-up page, nothing else.
    page.wait_for_url("**/admin/two-factor/?next=*")
    expect(page.get_by_role("heading", name="Two-factor sign-in")).to_be_visible()
    shot(page, "1-set-up")
    page.goto(live_server.url + "/admin/pages/")
    page.wait_for_url("**/admin/two-factor/?next=*")

    page.get_by_role("link", name="Set up an authenticator app").click()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    shot(page, "2-authenticator")
    secret = page.locator(".two-factor-secret").inner_text().replace(" ", "")
    app = TOTPDevice(user=moderator, key=b32decode(secret).hex())
    page.get_by_role("textbox", name="Code").fill(totp_code(app))
    page.get_by_role("button", name="Confirm").click()

    page.wait_for_url("**/admin/two-factor/recovery-codes/**")
    expect(page.locator(".two-factor-recovery-codes li")).to_have_count(10)
    shot(page, "3-recovery-codes")
    page.get_by_role("link", name="I have kept them: continue").click()
    page.wait_for_url(re.compile(r".*/admin/pages/$"))

    # Next time: the password, then the app's code.
    page.context.clear_cookies()
    sign_in_with_password(page, live_server, "kenji")
    page.wait_for_url("**/admin/two-factor/verify/**")
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    shot(page, "4-verify")
    wrong = "123456" if totp_code(app) != "123456" else "654321"
    page.get_by_role("textbox", name="Code").fill(wrong)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("listitem").filter(has_text="That code is not right")).to_be_visible()
    page.wait_for_timeout(1100)  # a wrong code makes the next try wait a second
    page.get_by_role("textbox", name="Code").fill(totp_code(TOTPDevice.objects.get(user=moderator)))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile(r".*/admin/$"))
    expect(page.get_by_role("button", name="Pages")).to_be_visible()


def test_finance_adds_a_passkey_and_signs_in_with_it(browser, live_server, home, settings):
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]  # http://localhost:<port>
    member_of("Finance", "mariko")
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )["authenticatorId"]

    sign_in_with_password(page, live_server, "mariko")
    page.wait_for_url("**/admin/two-factor/?next=*")
    page.get_by_role("link", name="Add a passkey").click()
    page.wait_for_url("**/admin/two-factor/passkey/**")
    shot(page, "5-add-passkey")
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_text("Registration successful!")).to_be_visible()
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(credentials["credentials"]) == 1
    page.get_by_role("link", name="Continue").click()
    expect(page.locator(".two-factor-recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="I have kept them: continue").click()
    page.wait_for_url(re.compile(r".*/admin/$"))

    page.context.clear_cookies()
    sign_in_with_password(page, live_server, "mariko")
    page.wait_for_url("**/admin/two-factor/verify/**")
    shot(page, "6-verify-passkey")
    page.get_by_role("button", name="Use your passkey").click()
    page.wait_for_url(re.compile(r".*/admin/$"))
    page.goto(live_server.url + "/admin/campaigns/donation/")
    expect(page.get_by_role("heading", name=re.compile("Donation"))).to_be_visible()
