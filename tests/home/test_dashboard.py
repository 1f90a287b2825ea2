"""The admin dashboard shows what needs an editor's eyes."""

import pytest

from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    sign_in_verified,
)

pytestmark = pytest.mark.django_db


def test_the_dashboard_lists_moderation_latest_news_and_open_appeals(
    client, django_user_model, home
):
    user = django_user_model.objects.create_superuser("ed", "ed@example.org", "pw")
    sign_in_verified(client, user)
    year = NewsIndexPageFactory(parent=home, year=2014)
    NewsPageFactory(parent=year, title="Published story")
    draft = NewsPageFactory(parent=year, title="Story awaiting review", live=False)
    draft.save_revision(user=user)
    draft.get_workflow().start(draft, user)
    CampaignPageFactory(parent=CampaignIndexPageFactory(parent=home), title="Rescue fund")
    html = client.get("/admin/").content.decode()
    panel = html.split('id="at-a-glance-heading"')[1].split("</section>")[0]
    assert "Waiting for moderation (1)" in panel and "Story awaiting review" in panel
    assert "Published story" in panel
    assert "Rescue fund</a>: 0% of 500000 JPY" in panel
