import datetime

import pytest

from core.cache import bump_content_version
from tests.factories import (
    DonationOptionFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationAddressFactory,
)


@pytest.fixture
def caching(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAGMENT_CACHE_SECONDS = 3600
    return settings


@pytest.fixture
def year_2014(home):
    """A news year of one story, in a site with an address and a donation option: every
    fragment of the page frame has something to show and to cache."""
    OrganisationAddressFactory()
    DonationOptionFactory(label="PayPal")
    year = NewsIndexPageFactory(parent=home, year=2014)
    NewsPageFactory(parent=year, title="Whitewash Goes to Prison", date=datetime.date(2014, 10, 29))
    bump_content_version()  # factories add pages without Wagtail's publish signal
    return year
