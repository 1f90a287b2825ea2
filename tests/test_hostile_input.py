"""Every public address under hostile input answers with a 2xx, 3xx or 4xx: never a 500."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.test import TestCase
from wagtail.documents.models import Document

from tests.factories import CampaignIndexPageFactory, NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = [
    "/",
    "/en/",
    "/ja/",
    "/en/2014/",
    "/en/2014/hostile-story/",
    "/en/search/",
    "/en/news/feed/",
    "/en/news/feed/atom/",
    "/en/news/2014/feed/",
    "/en/topics/rescue/",
    "/en/contact/",
    "/en/campaigns/",
    "/sitemap.xml",
    "/robots.txt",
    "document",  # the address of the report the site fixture uploads
    "/admin/login/",
]
NUL = "\x00"
LONG = "x" * 10_000
# Japanese text has no spaces: every pair of characters is a search term (core/cjk.py).
JAPANESE = "北朝鮮難民の救出活動を続けています皆様のご寄付に感謝します" * 40
# Control characters, the Unicode line separator and the byte-order mark.
CONTROLS = ["\x0b", "\x1f", "\x7f", "\u2028", "\ufeff"]
HOSTILE_QUERIES = [
    {"q": NUL},
    {"q": f"rescue{NUL}"},
    {"q": '"'},
    {"q": "*) OR 1=1 --"},
    {"q": LONG},
    {"q": "難民" * 500},
    {"q": JAPANESE[:160]},
    {"q": JAPANESE[:200]},
    {"q": JAPANESE[:1000]},
    {"q": " ".join(JAPANESE[:100])},
    {"q": "-".join(JAPANESE[:100])},
    *({"q": f"rescue{control}難民{control}"} for control in CONTROLS),
    {"q": "".join(CONTROLS)},
    {"page": "\x0b"},
    {"year": "\u2028"},
    {"page": "-1"},
    {"page": "0"},
    {"page": "99999999999999999999"},
    {"page": "abc"},
    {"page": NUL},
    {"year": "abc"},
    {"year": "99999999999"},
    {"order": "'; DROP TABLE"},
    {"next": "https://evil.example/"},
]


@pytest.fixture
def site(home):
    """A story with a topic, a document, the contact form and the appeals list."""
    from home.setup import create_contact_page

    archive = NewsIndexPageFactory(parent=home, year=2014)
    report = Document.objects.create(
        title="Report", file=ContentFile(b"%PDF-1.4", name="report.pdf")
    )
    story = NewsPageFactory(parent=archive, slug="hostile-story", date=datetime.date(2014, 1, 1))
    story.body = [("document", {"document": report, "link_text": "The report"})]
    story.topics.add("rescue")
    with TestCase.captureOnCommitCallbacks(execute=True):  # the document is in use
        story.save_revision().publish()
    create_contact_page(home, [])
    CampaignIndexPageFactory(parent=home, slug="campaigns")
    return {path: report.url if path == "document" else path for path in PUBLIC_PATHS}


@pytest.fixture
def client(client):
    client.raise_request_exception = False
    return client


def refuses_politely(response):
    return response.status_code < 500


def server_errors(responses):
    """The requests that got a 5xx, named so a failure says which."""
    return [name for name, response in responses if response.status_code >= 500]


def test_the_public_pages_exist(client, site):
    """The walk below visits real pages, not a row of 404s."""
    live = [path for path in site.values() if client.get(path, follow=True).status_code == 200]
    assert live == list(site.values())


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_hostile_query_strings(client, site, path):
    responses = [(repr(query)[:40], client.get(site[path], query)) for query in HOSTILE_QUERIES]
    assert server_errors(responses) == []


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_every_method(client, site, path):
    methods = ["head", "options", "post", "put", "delete", "patch", "trace"]
    responses = [(method, getattr(client, method)(site[path])) for method in methods]
    assert server_errors(responses) == []


@pytest.mark.parametrize(
    "path",
    [
        "/en/%00/",
        "/en/2014/%00/",
        "/%ff%fe/",
        "/en/%c0%af/",
        "/en/" + "a" * 5_000 + "/",
        "/xx/",
        "/zz-ZZ/2014/",
        "/en-us/",
        "/ja-JP/",
        "/en/2014/../../etc/passwd",
        "/en/news/0/feed/",
        "/en/news/99999999999/feed/",
        "/en/topics/%00/",
        "/documents/0/x.pdf",
        "/documents/99999999999999999999/x.pdf",
        "/en/search/?q=%ff%fe",
        "/en/search/?q=%00",
        "/en/%0b/",
        "/en/2014/%1f/",
        "/en/topics/%7f/",
        "/en/%E2%80%A8/",
        "/en/%EF%BB%BF/",
        "/en/search/?q=%0b%1f%7f%E2%80%A8%EF%BB%BF",
    ],
)
def test_hostile_paths(client, site, path):
    assert refuses_politely(client.get(path))


@pytest.mark.parametrize(
    "host", ["evil.example", "localhost.evil.example", "", "a" * 300, "localhost\x00", "[::1"]
)
def test_bad_host_headers_get_400(client, site, host):
    assert client.get("/en/", HTTP_HOST=host).status_code == 400


@pytest.mark.parametrize(
    "fields",
    [
        {"your_name": NUL, "your_email_address": "a@b.c", "your_message": "hello"},
        {"your_name": LONG, "your_email_address": LONG, "your_message": LONG * 10},
        {"your_name": "x", "your_email_address": "not an address", "your_message": ""},
        {},
    ],
    ids=["nul", "long", "invalid", "empty"],
)
def test_hostile_contact_form_posts(client, site, fields):
    response = client.post("/en/contact/", fields)
    assert response.status_code in (200, 400, 403, 429)
    if fields:
        assert "Your message" in response.content.decode()  # the form, with its errors


def test_badly_encoded_form_bodies(client, site):
    response = client.generic(
        "POST",
        "/en/contact/",
        b"your_name=%ff%fe&your_message=\xff\xfe",
        content_type="application/x-www-form-urlencoded; charset=utf-8",
    )
    assert refuses_politely(response)
    response = client.generic(
        "POST", "/en/contact/", b"\x00" * 100, content_type="multipart/form-data; boundary=x"
    )
    assert refuses_politely(response)
