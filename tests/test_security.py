"""Safe on the internet: production settings, security headers and admin login limits."""

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import NewsIndexPageFactory, NewsPageFactory, member_of

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "lfnkr_site.settings.production",
    "SECRET_KEY": "a-production-secret-for-the-tests-only-" + "x" * 20,
    "ALLOWED_HOSTS": "lfnkr.example",
    "WAGTAILADMIN_BASE_URL": "https://lfnkr.example",
}


def run_with_production_settings(code, **env):
    # The test run's own switch for Playwright must not reach production's checks.
    environment = {**os.environ, **PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE": None, **env}
    environment = {name: value for name, value in environment.items() if value is not None}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )


SECURITY_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
    "CONTENT_SECURITY_POLICY",
]


@pytest.fixture
def production(settings):
    """The test settings with the security settings production really has."""
    result = run_with_production_settings(
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {SECURITY_SETTINGS}}}))"
    )
    assert result.returncode == 0, result.stderr
    for name, value in json.loads(result.stdout).items():
        setattr(settings, name, tuple(value) if isinstance(value, list) else value)
    return settings


def test_the_deployment_checks_pass_warnings_included():
    result = run_with_production_settings(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "WAGTAILADMIN_BASE_URL"])
def test_production_refuses_to_start_without_its_secrets_and_hosts(missing):
    result = run_with_production_settings("import django; django.setup()", **{missing: None})
    assert result.returncode != 0
    assert f"The environment variable {missing} must be set." in result.stderr


@pytest.fixture
def story(home):
    return NewsPageFactory(
        parent=NewsIndexPageFactory(parent=home, year=2014),
        body=[("video", {"video": "https://www.youtube.com/watch?v=abcdefghijk", "caption": ""})],
    )


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


PUBLIC_URLS = ["/en/", "/en/2014/", "story", "/en/search/?q=rescue", "/en/no-such-page/"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_public_response_carries_the_security_headers(client, production, story, url):
    response = client.get(story.url if url == "story" else url, secure=True)
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["frame-src"] == ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
    assert "upgrade-insecure-requests" in policy
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_plain_http_is_sent_to_https(client, production, home):
    response = client.get("/en/", HTTP_HOST="localhost")
    assert response.status_code == 301
    assert response["Location"] == "https://localhost/en/"


@pytest.mark.django_db
def test_cookies_are_secure_http_only_and_same_site(client, production, home):
    """The contact form's CSRF cookie and an editor's session cookie."""
    from home.setup import create_contact_page

    create_contact_page(home, [])
    contact = client.get("/en/contact/", secure=True)
    assert contact.status_code == 200
    client.post(
        "/admin/login/",
        {"username": member_of("Editors").username, "password": "a-volunteer-passphrase"},
        secure=True,
    )
    cookies = client.cookies
    assert {"csrftoken", "sessionid"} <= set(cookies)
    for name in ["csrftoken", "sessionid"]:
        assert cookies[name]["secure"] is True
        assert cookies[name]["samesite"] == "Lax"
    assert cookies["sessionid"]["httponly"] is True


# Mozilla HTTP Observatory's published scoring, for the tests these headers decide:
# every site starts at 100; A+ is 100 or more.
def observatory_score(response):
    score = 100
    policy = directives(response.get("Content-Security-Policy", ""))
    scripts = policy.get("script-src", policy.get("default-src", []))
    if not policy:
        score -= 25
    elif "'unsafe-inline'" in scripts or "'unsafe-eval'" in scripts:
        score -= 20
    elif policy.get("default-src") == ["'none'"]:
        score += 10
    hsts = response.get("Strict-Transport-Security", "")
    if "max-age=" not in hsts or int(hsts.split("max-age=")[1].split(";")[0]) < 15_768_000:
        score -= 20
    if response.get("X-Content-Type-Options") != "nosniff":
        score -= 5
    if policy.get("frame-ancestors") in (["'self'"], ["'none'"]):
        score += 5
    elif response.get("X-Frame-Options") not in ("DENY", "SAMEORIGIN"):
        score -= 20
    private = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
    if response.get("Referrer-Policy") in private:
        score += 5
    return score


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_the_headers_score_a_plus_by_the_observatory_rules(client, production, story, url):
    response = client.get(story.url if url == "story" else url, secure=True)
    assert observatory_score(response) >= 100


@pytest.mark.django_db
def test_the_admin_is_left_out_of_the_site_policy(client):
    """Wagtail's editor runs inline scripts; only staff reach it, behind a login."""
    response = client.get("/admin/login/")
    assert "Content-Security-Policy" not in response
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def sign_in(client, username, password, address):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


@pytest.mark.django_db
def test_five_wrong_passwords_lock_that_user_out_from_that_address(client):
    editor = member_of("Editors", "hanako")
    for _ in range(4):
        assert sign_in(client, "hanako", "wrong guess", "203.0.113.7").status_code == 200
    assert sign_in(client, "hanako", "wrong guess", "203.0.113.7").status_code == 429
    # Locked: even the right password is refused for now.
    locked = sign_in(client, "hanako", "a-volunteer-passphrase", "203.0.113.7")
    assert locked.status_code == 429
    assert "Too many attempts to sign in" in locked.content.decode()
    assert "_auth_user_id" not in client.session

    # The same volunteer at another address, and a colleague here, still sign in.
    assert sign_in(client, "hanako", "a-volunteer-passphrase", "198.51.100.2").status_code == 302
    client.logout()
    member_of("Editors", "kenji")
    assert sign_in(client, "kenji", "a-volunteer-passphrase", "203.0.113.7").status_code == 302
    assert editor.is_active


@pytest.mark.parametrize(
    ("proxies", "forwarded", "address"),
    [
        (0, "198.51.100.1", "10.0.0.1"),  # no trusted proxy: the header proves nothing
        (1, "198.51.100.1", "198.51.100.1"),  # nginx appended the visitor
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # the visitor's own entry is ignored
        (2, "198.51.100.1, 192.0.2.5", "198.51.100.1"),  # a CDN, then nginx
        (2, "198.51.100.1", "10.0.0.1"),  # fewer entries than proxies: not trusted
        (1, "<script>", "10.0.0.1"),  # not an address at all
    ],
)
def test_the_visitors_address_is_read_through_trusted_proxies_only(
    settings, proxies, forwarded, address
):
    from django.test import RequestFactory

    from core.client_address import client_address

    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.1")
    assert client_address(request) == address


@pytest.mark.django_db
def test_a_forged_forwarded_header_does_not_escape_the_login_limit(client):
    member_of("Editors", "hanako")
    for attempt in range(5):
        response = client.post(
            reverse("wagtailadmin_login"),
            {"username": "hanako", "password": "wrong guess"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}",
        )
    assert response.status_code == 429


@pytest.mark.django_db
def test_a_login_from_a_garbled_forwarded_address_is_still_answered(client, settings):
    """django-axes stores the address in an inet column on PostgreSQL."""
    settings.TRUSTED_PROXY_COUNT = 1
    member_of("Editors", "hanako")
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": "hanako", "password": "a-volunteer-passphrase"},
        HTTP_X_FORWARDED_FOR="not an address",
    )
    assert response.status_code == 302


class LoadedResources(HTMLParser):
    """What a page makes the browser load (not what it links to): scripts, styles,
    icons, images, frames."""

    LOADING_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "manifest"}

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "video", "audio") and attrs.get("src"):
            self.urls.append(attrs["src"])
        rels = set((attrs.get("rel") or "").split())
        if tag == "link" and rels & self.LOADING_LINKS:
            self.urls.append(attrs.get("href", ""))


def outside_resources(html):
    parser = LoadedResources()
    parser.feed(html)
    return [url for url in parser.urls if re.match(r"(?:https?:)?//", url)]


@pytest.mark.django_db
def test_the_admin_loads_nothing_from_outside_and_asks_no_one_for_updates(admin_client, home):
    """No outside call from the admin: no update check, no outside script or style."""
    NewsPageFactory(parent=NewsIndexPageFactory(parent=home, year=2014))
    dashboard = admin_client.get("/admin/").content.decode()
    assert "w-upgrade" not in dashboard
    for url in [
        "/admin/",
        f"/admin/pages/{home.pk}/edit/",
        f"/admin/pages/add/home/standardpage/{home.pk}/",
        "/admin/images/",
        "/admin/snippets/",
    ]:
        response = admin_client.get(url, follow=True)
        assert response.status_code == 200, url
        assert outside_resources(response.content.decode()) == [], url


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/en/", "/en/2014/", "/ja/", "/en/search/?q=rescue"])
def test_public_pages_load_nothing_from_outside(client, home, url):
    NewsPageFactory(parent=NewsIndexPageFactory(parent=home, year=2014))
    html = client.get(url, follow=True).content.decode()
    assert outside_resources(html) == []
