"""Home, year and story pages cost a handful of queries, the same at 10 stories and at
1,000, with the page and fragment caches off (issue 16): what every page shares comes
from each process's memory for one content version (core.memory)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    DonationOptionFactory,
    ImageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationAddressFactory,
    translate_page,
)

pytestmark = pytest.mark.django_db

PAGE_QUERY_BUDGET = 6


def queries_for(client, url):
    client.get(url)  # an earlier visit: renditions made, this content version remembered
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def add_stories(year, count, photo):
    """Dated and undated stories, a fifth with a photo, every tenth a highlight."""
    for number in range(count):
        NewsPageFactory(
            parent=year,
            date=None if number % 7 == 0 else datetime.date(2014, 1 + number % 12, 1 + number % 28),
            lead_image=photo if number % 5 == 0 else None,
            is_highlight=number % 10 == 0,
        )


def test_home_year_and_story_pages_cost_the_same_few_queries_at_10_and_1000_stories(client, home):
    OrganisationAddressFactory()
    DonationOptionFactory()
    year = NewsIndexPageFactory(parent=home, year=2014)
    photo = ImageFactory()
    add_stories(year, 10, photo)
    # The oldest dated story finds its older neighbour among the undated: a second query.
    oldest = NewsPageFactory(parent=year, date=datetime.date(2014, 1, 1), title="First")
    story = NewsPageFactory(parent=year, date=datetime.date(2014, 6, 15), title="Shelter")
    story.topics.add("rescue")
    story.save()
    translate_page(home, title="北朝鮮難民救援基金")
    japanese_story = translate_page(story, title="シェルター")
    urls = [
        "/en/",
        "/en/2014/",
        story.url,
        oldest.url,
        "/ja/",
        "/ja/2014/",
        japanese_story.url,
    ]

    at_10 = {url: queries_for(client, url) for url in urls}
    add_stories(year, 990, photo)
    urls.append("/en/2014/?page=50")
    at_1000 = {url: queries_for(client, url) for url in urls}

    assert max(at_1000.values()) <= PAGE_QUERY_BUDGET, at_1000
    assert {url: at_1000[url] for url in at_10} == at_10
