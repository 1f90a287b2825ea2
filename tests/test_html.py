"""Every page type is valid HTML by the W3C Nu validator, with the landmarks it needs."""

import datetime
import re
import subprocess
from pathlib import Path

import pytest

from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    DonatePageFactory,
    DonationOptionFactory,
    DonationUsePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationAddressFactory,
    translate_page,
)

VNU_JAR = (
    Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_pages(home):
    OrganisationAddressFactory(contact_email="info@lfnkr.example")
    DonationOptionFactory(label="PayPal")
    year = NewsIndexPageFactory(parent=home, year=2014)
    NewsPageFactory(parent=year, title="Highlight", date=None, is_highlight=True)
    story = NewsPageFactory(
        parent=year,
        date=datetime.date(2014, 12, 11),
        summary="First paragraph.\n\nSecond paragraph.",
        body=[
            ("heading", "A heading"),
            ("quote", {"text": "Words", "attribution": "Someone"}),
            ("video", {"video": "https://youtu.be/dQw4w9WgXcQ", "caption": "A film"}),
            ("donate", {"heading": "Please help", "text": "Now."}),
        ],
    )

    appeals = CampaignIndexPageFactory(parent=home)
    appeal = CampaignPageFactory(parent=appeals, title="Rescue fund")
    story.body.append(("appeal", {"campaign": appeal, "text": "Please help."}))
    story.save()
    story.topics.add("rescue")
    story.save()
    japanese_story = translate_page(story, title="日本語の記事", summary="北朝鮮難民の救出。")
    DonationOptionFactory(label="PayPal form", kind="paypal", url="", paypal_account="a@b.example")
    DonationOptionFactory(label="Transfer", kind="transfer", url="", transfer_details="0010\nA")
    use = DonationUsePageFactory(parent=home)
    donate = DonatePageFactory(parent=home, trust_pages=[("page", use)])
    return [
        donate.url,
        f"{donate.url}?campaign={appeal.pk}",
        f"{donate.url}thanks/",
        use.url,
        "/en/",
        "/en/2014/",
        story.url,
        "/en/search/?q=paragraph",
        "/en/search/?q=%22",
        "/ja/?untranslated=1",
        japanese_story.url,
        "/ja/search/?q=難民",
        "/en/topics/rescue/",
        "/en/search/?q=paragraph&year=2014&order=date",
        "/en/no-such-page/",
        appeals.url,
        appeal.url,
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
    for url in site_pages:
        html = client.get(url).content.decode()
        assert len(re.findall(r"<h1[ >]", html)) == 1, url
        for landmark in ["<header", '<main id="main"', "<nav", "<footer"]:
            assert landmark in html, (url, landmark)
        assert '<a class="skip-link" href="#main">' in html
        assert re.search(r'<label [^>]*for="site-search">[^<]+</label>', html)
