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


def test_latest_news_is_the_newest_by_date_and_moderation_counts_only_pages_in_review(
    client, django_user_model, home
):
    import datetime

    from wagtail.models import WorkflowState

    user = django_user_model.objects.create_superuser("ed", "ed@example.org", "pw")
    sign_in_verified(client, user)
    newest = NewsIndexPageFactory(parent=home, year=2014)
    NewsPageFactory(parent=newest, title="December story", date=datetime.date(2014, 12, 11))
    # The import publishes the oldest highlights last: they are not the latest news.
    oldest = NewsIndexPageFactory(parent=home, year=2002)
    NewsPageFactory(parent=oldest, title="2002 highlight", date=None, is_highlight=True)
    sent_back = NewsPageFactory(parent=newest, title="Sent back to its editor", live=False)
    sent_back.save_revision(user=user)
    sent_back.get_workflow().start(sent_back, user)
    WorkflowState.objects.filter(object_id=str(sent_back.pk)).update(
        status=WorkflowState.STATUS_NEEDS_CHANGES
    )
    html = client.get("/admin/").content.decode()
    panel = html.split('id="at-a-glance-heading"')[1].split("</section>")[0]
    latest = panel.split("Latest published news")[1]
    assert latest.index("December story") < latest.index("2002 highlight")
    assert "(2014-12-11)" in latest
    assert "Waiting for moderation (0)" in panel and "Sent back to its editor" not in panel
