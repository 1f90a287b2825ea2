"""Who may do what: editors write, moderators publish, a story waits for a second pair of eyes."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from news.models import NewsPage
from tests.factories import NewsIndexPageFactory, NewsPageFactory, member_of, sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2014(home):
    return NewsIndexPageFactory(parent=home, year=2014)


@pytest.fixture
def editor():
    return member_of("Editors")


@pytest.fixture
def moderator():
    return member_of("Moderators")


def logged_in(user):
    client = Client()
    sign_in_verified(client, user)
    return client


def story_form(action, body="They are safe at last."):
    data = nested_form_data(
        {
            "title": "Seven Defectors Reach Safety",
            "slug": "seven-defectors-reach-safety",
            "summary": "Seven people crossed the border.",
            "body": streamfield([("paragraph", rich_text(f"<p>{body}</p>"))]),
        }
    )
    return {**data, f"action-{action}": "1"}


def add_story(user, year, action):
    url = reverse("wagtailadmin_pages:add", args=["news", "newspage", year.pk])
    return logged_in(user).post(url, story_form(action))


@pytest.fixture
def submitted_story(editor, year_2014):
    add_story(editor, year_2014, "submit")
    return NewsPage.objects.get()


def workflow_of(page):
    return WorkflowState.objects.get(object_id=str(page.pk))


def test_an_editor_cannot_publish_a_story(client, editor, year_2014):
    add_story(editor, year_2014, "publish")
    assert not NewsPage.objects.get().live
    assert client.get("/en/2014/seven-defectors-reach-safety/").status_code == 404


def test_a_submitted_story_waits_for_a_moderator_locked_for_editors(
    submitted_story, editor, moderator
):
    state = workflow_of(submitted_story)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Moderators approval"
    assert not submitted_story.live
    lock = submitted_story.get_lock()
    assert lock.for_user(editor)
    assert not lock.for_user(moderator)
    page = logged_in(editor).get(reverse("wagtailadmin_pages:edit", args=[submitted_story.pk]))
    assert "Only reviewers for this task can edit the page." in page.content.decode()


def workflow_action(user, page, action, **data):
    task_state = workflow_of(page).current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return logged_in(user).post(url, data)


def test_publishing_a_story_in_moderation_asks_first_but_tells_finance_nothing(
    submitted_story, moderator
):
    url = reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[submitted_story.pk])

    asked = logged_in(moderator).get(url)
    assert asked.json()["step"] == "confirm"
    assert "Moderators approval" in asked.json()["html"]

    refused = logged_in(member_of("Finance")).get(url)
    assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))
    assert "Moderators approval" not in refused.content.decode()


def test_a_moderator_approves_and_the_story_goes_live(client, submitted_story, moderator):
    workflow_action(moderator, submitted_story, "approve")
    assert workflow_of(submitted_story).status == WorkflowState.STATUS_APPROVED
    page = client.get("/en/2014/seven-defectors-reach-safety/")
    assert "They are safe at last." in page.content.decode()


def test_a_moderator_asks_for_changes_and_the_editor_reads_why(
    client, submitted_story, editor, moderator
):
    workflow_action(moderator, submitted_story, "reject", comment="Please name the border town.")
    assert workflow_of(submitted_story).status == WorkflowState.STATUS_NEEDS_CHANGES
    assert client.get("/en/2014/seven-defectors-reach-safety/").status_code == 404
    edit = logged_in(editor).get(reverse("wagtailadmin_pages:edit", args=[submitted_story.pk]))
    assert "Please name the border town." in edit.content.decode()
    # Unlocked again: the editor mends the story and sends it back.
    assert "Only reviewers for this task" not in edit.content.decode()


def test_a_moderator_publishes_and_unpublishes(client, moderator, year_2014):
    add_story(moderator, year_2014, "publish")
    story = NewsPage.objects.get()
    assert client.get(story.url).status_code == 200
    logged_in(moderator).post(reverse("wagtailadmin_pages:unpublish", args=[story.pk]))
    assert client.get("/en/2014/seven-defectors-reach-safety/").status_code == 404


@pytest.mark.parametrize(
    "group, allowed",
    [
        ("Editors", {"organisationaddress", "sociallink", "donationoption"}),
        ("Moderators", {"organisationaddress", "sociallink", "donationoption", "redirect"}),
        ("Finance", {"donation"}),
    ],
)
def test_each_group_reaches_what_its_work_needs(group, allowed):
    user = member_of(group)
    urls = {
        "organisationaddress": "/admin/snippets/home/organisationaddress/",
        "sociallink": "/admin/snippets/home/sociallink/",
        "donationoption": "/admin/snippets/campaigns/donationoption/",
        "redirect": "/admin/redirects/",
        "donation": "/admin/campaigns/donation/",
    }
    client = logged_in(user)
    reached = {name for name, url in urls.items() if client.get(url).status_code == 200}
    assert reached == allowed


def test_an_editor_compares_two_revisions_and_restores_the_earlier(editor, year_2014):
    story = NewsPageFactory(parent=year_2014, title="Defectors Found", summary="First words.")
    first = story.save_revision()
    story.summary = "Second words."
    second = story.save_revision()
    client = logged_in(editor)
    compare = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[story.pk, first.pk, second.pk])
    ).content.decode()
    assert (
        '<span class="deletion">First</span><span class="addition">Second</span> words.' in compare
    )
    restore = client.get(
        reverse("wagtailadmin_pages:revisions_revert", args=[story.pk, first.pk])
    ).content.decode()
    assert "First words." in restore
