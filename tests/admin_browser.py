"""Signing in to the admin in Chromium, as a volunteer does."""

from tests.factories import VOLUNTEER_PASSWORD


def sign_in(browser, live_server, username, password=VOLUNTEER_PASSWORD):
    """A new tab, signed in at the admin's login form and showing the dashboard."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
    return page
