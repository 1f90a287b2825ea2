"""The site's Content-Security-Policy, built once (core/headers.py) and the same as
django-csp builds it for every response."""

import pytest
from csp.utils import build_policy

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/en/", "/en/no-such-page/", "/robots.txt"])
def test_every_response_carries_the_policy_django_csp_would_build(client, home, url):
    assert client.get(url)["Content-Security-Policy"] == build_policy()


def test_the_policy_is_built_once_not_for_every_response(client, home, monkeypatch):
    from core import headers

    client.get("/en/")
    built = []
    monkeypatch.setattr(headers, "build_policy", lambda **kw: built.append(kw) or "x")
    for _ in range(3):
        assert "default-src 'none'" in client.get("/en/")["Content-Security-Policy"]
    assert built == []


def test_a_changed_policy_setting_is_followed(client, home, settings):
    client.get("/en/")
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"]}}
    assert client.get("/en/")["Content-Security-Policy"] == "default-src 'self'"
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"img-src": ["'self'"]}}
    report_only = client.get("/en/")["Content-Security-Policy-Report-Only"]
    assert report_only == build_policy(report_only=True)
    assert "img-src 'self'" in report_only
