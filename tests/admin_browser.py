"""Signing in to the admin in Chromium, as a volunteer does."""

from tests.factories import VOLUNTEER_PASSWORD, totp_code, totp_device


def sign_in(browser, live_server, username, password=VOLUNTEER_PASSWORD):
    """A new tab, signed in at the admin's login form and showing the dashboard.

    Someone who must use a second factor (core/two_factor) is given an authenticator
    app if they have none, and types its code at the second step."""
    from django.contrib.auth.models import User

    from core.two_factor import must_use_two_factor

    user = User.objects.get(username=username)
    device = totp_device(user) if must_use_two_factor(user) else None
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if device is not None:
        page.wait_for_url("**/admin/two-factor/verify/**")
        page.get_by_role("textbox", name="Code").fill(totp_code(device))
        page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/admin/")
    return page
