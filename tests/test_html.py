"""Every page type is valid HTML by the W3C Nu validator, with the landmarks it needs."""

import re
import subprocess
from pathlib import Path

import pytest

from tests.site_pages import build_site_pages

VNU_JAR = (
    Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_pages(home, settings, client):
    """Every page type in both languages (tests/site_pages.py), the 500 page and the
    contact form's thank-you page included, and the variants a visitor can ask for."""
    settings.ROOT_URLCONF = "tests.site_pages"
    client.raise_request_exception = False  # the 500 page, as a visitor gets it
    pages = build_site_pages(home)
    by_name = {page.name: page.url for page in pages}
    appeal = by_name["campaign-en"]
    campaign_id = client.get(appeal).context["page"].pk
    return [page.url for page in pages] + [
        f"{by_name['donate-en']}?campaign={campaign_id}",
        "/en/search/?q=%22",
        "/ja/?untranslated=1",
        "/en/search/?q=rescue&year=2014&order=date",
    ]


def test_every_page_type_is_valid_html(client, site_pages, tmp_path):
    files = []
    for number, url in enumerate(site_pages):
        path = tmp_path / f"page{number}.html"
        path.write_bytes(client.get(url).content)
        files.append(str(path))
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_each_page_has_one_h1_landmarks_a_skip_link_and_a_labelled_search(client, site_pages):
    # The 500 page is drawn without the database (core.errors): no menu, no search.
    for url in [url for url in site_pages if "server-error" not in url]:
        html = client.get(url).content.decode()
        assert len(re.findall(r"<h1[ >]", html)) == 1, url
        for landmark in ["<header", '<main id="main"', "<nav", "<footer"]:
            assert landmark in html, (url, landmark)
        assert '<a class="skip-link" href="#main">' in html
        assert re.search(r'<label [^>]*for="site-search">[^<]+</label>', html)
