"""Stored pages answered in front of Django (core.cache.serve_stored_pages), through
the WSGI application gunicorn serves: as the middleware would answer them, to the
same visitors only."""

import datetime

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    NewsPageFactory,
    member_of,
    sign_in_verified,
)

pytestmark = pytest.mark.django_db


class Answer:
    def __init__(self, status, headers, body, requests_django_saw, queries):
        self.status, self.body = status, body
        self.headers = dict(headers)
        self.header_list = headers
        self.requests_django_saw, self.queries = requests_django_saw, queries

    def __getitem__(self, name):
        return self.headers[name]

    @property
    def status_code(self):
        return int(self.status.split()[0])


def site_application():
    from lfnkr_site.wsgi import application

    return application


def visit(path, method="GET", application=None, **request_options):
    """One request through lfnkr_site.wsgi.application, as gunicorn makes it: the
    status, headers and body it answers, whether Django saw the request, and the
    database queries it took."""
    application = application or site_application()
    environ = RequestFactory().generic(method, path, **request_options).environ
    answered = {}
    seen = []

    def start_response(status, headers, exc_info=None):
        answered.update(status=status, headers=headers)

    def saw_request(**kwargs):
        seen.append(1)

    # As Django's test client does: the test's transaction is no old connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.connect(saw_request)
    try:
        with CaptureQueriesContext(connection) as queries:
            chunks = application(environ, start_response)
            try:
                body = b"".join(chunks)
            finally:
                if hasattr(chunks, "close"):
                    chunks.close()
    finally:
        request_started.disconnect(saw_request)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return Answer(answered["status"], answered["headers"], body, len(seen), len(queries))


@pytest.mark.parametrize("url", ["/en/", "/en/2014/", "/en/2014/?page=1"])
def test_a_repeat_visit_is_answered_without_django_the_same_as_the_first(caching, year_2014, url):
    path, _, query = url.partition("?")
    first = visit(path, QUERY_STRING=query)
    again = visit(path, QUERY_STRING=query)
    assert (first["X-Cache"], again["X-Cache"]) == ("miss", "hit")
    assert (first.requests_django_saw, again.requests_django_saw) == (1, 0)
    assert again.queries == 0
    assert again.status == first.status == "200 OK"
    assert again.body == first.body
    assert "Whitewash Goes to Prison" in again.body.decode()
    # Every header the middleware added, the security headers among them.
    without_label = [header for header in first.header_list if header[0] != "X-Cache"]
    assert [header for header in again.header_list if header[0] != "X-Cache"] == without_label
    for header in ("Content-Security-Policy", "Permissions-Policy", "Referrer-Policy"):
        assert again[header], header


def test_a_page_the_test_client_stored_is_the_page_the_lane_serves(client, caching, year_2014):
    """One key for both: the middleware's and the WSGI lane's."""
    stored = client.get("/en/2014/", HTTP_HOST="localhost")
    assert stored["X-Cache"] == "miss"
    served = visit("/en/2014/", HTTP_HOST="LOCALHOST:8000")
    assert served["X-Cache"] == "hit"
    assert served.body == stored.content


def test_a_signed_in_editor_goes_past_the_stored_page(client, caching, year_2014):
    visit("/en/")
    sign_in_verified(client, member_of("Editors"))
    editor = visit("/en/", HTTP_COOKIE=f"sessionid={client.cookies['sessionid'].value}")
    assert editor.requests_django_saw == 1
    assert "X-Cache" not in editor.headers
    assert 'id="wagtail-userbar-template"' in editor.body.decode()
    assert editor["Cache-Control"] == "private, no-cache"


def test_a_page_after_a_publish_is_rendered_afresh(caching, year_2014):
    visit("/en/2014/")
    NewsPageFactory(
        parent=year_2014,
        title="Nine Orphans Reach Safety",
        date=datetime.date(2014, 12, 1),
        publish=True,
    )
    fresh = visit("/en/2014/")
    assert fresh["X-Cache"] == "miss"
    assert "Nine Orphans Reach Safety" in fresh.body.decode()


@pytest.fixture
def behind_https_proxy(caching):
    caching.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    return caching


def test_a_page_stored_over_https_is_never_the_answer_over_http(behind_https_proxy, year_2014):
    over_https = {"HTTP_X_FORWARDED_PROTO": "https"}
    assert [visit("/en/", **over_https)["X-Cache"] for _ in range(2)] == ["miss", "hit"]
    assert "Strict-Transport-Security" in visit("/en/", **over_https).headers
    over_http = visit("/en/", HTTP_X_FORWARDED_PROTO="http")
    assert over_http["X-Cache"] == "miss"
    assert "Strict-Transport-Security" not in over_http.headers


def test_with_https_required_a_visit_over_http_is_redirected(behind_https_proxy, year_2014):
    from django.core.handlers.wsgi import WSGIHandler

    from core.cache import serve_stored_pages

    behind_https_proxy.SECURE_SSL_REDIRECT = True
    # SecurityMiddleware reads the setting when the application starts.
    application = serve_stored_pages(WSGIHandler())
    visit("/en/", application=application, HTTP_X_FORWARDED_PROTO="https")
    over_http = visit("/en/", application=application, HTTP_X_FORWARDED_PROTO="http")
    assert over_http.status_code == 301
    assert over_http["Location"] == "https://testserver/en/"


def test_a_host_no_longer_allowed_is_refused_even_with_a_page_stored(caching, year_2014):
    assert visit("/en/", HTTP_HOST="localhost")["X-Cache"] == "miss"
    caching.ALLOWED_HOSTS = ["testserver"]
    refused = visit("/en/", HTTP_HOST="localhost")
    assert refused.status_code == 400
    assert "Whitewash" not in refused.body.decode()


def test_a_head_request_gets_the_stored_headers_and_no_body(caching, year_2014):
    get = visit("/en/2014/")
    head = visit("/en/2014/", method="HEAD")
    assert head["X-Cache"] == "hit"
    assert head.requests_django_saw == 0
    assert head.body == b""
    assert head["Content-Length"] == str(len(get.body))
    assert head["Content-Type"] == get["Content-Type"]


@pytest.mark.parametrize("query", ["page=07", "utm_source=x", "q=%00"])
def test_a_query_the_site_never_writes_always_reaches_django(caching, year_2014, query):
    answers = [visit("/en/2014/", QUERY_STRING=query) for _ in range(2)]
    assert [answer.requests_django_saw for answer in answers] == [1, 1]
    assert all("X-Cache" not in answer.headers for answer in answers)


def test_static_files_are_not_looked_for_in_the_cache(caching, year_2014, monkeypatch):
    from django.core.cache import cache

    looked = []
    monkeypatch.setattr(cache, "get_many", lambda keys: looked.append(keys) or {})
    visit("/static/css/site.css")
    assert looked == []
    visit("/en/")
    assert looked, "the stand-in above is the cache the lane asks"
