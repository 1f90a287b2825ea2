"""Volunteers at work in the admin, in a real browser: write, review, publish, correct."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from news.models import NewsPage
from tests.admin_browser import sign_in
from tests.factories import (
    ImageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationAddressFactory,
    member_of,
    sign_in_verified,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STORY_TITLE = "Nine Orphans Reach the Shelter Safely"
REPORT_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def newsroom(home):
    """The 2014 archive with one older story, the address, a photo and two volunteers."""
    OrganisationAddressFactory()
    year = NewsIndexPageFactory(parent=home, year=2014)
    NewsPageFactory(parent=year, title="Whitewash Goes to Prison", date=datetime.date(2014, 10, 29))
    ImageFactory(title="Children at the shelter door", description="Children at the door")
    member_of("Editors", "hanako")
    member_of("Moderators", "kenji")
    return year


def add_block(body, block_label):
    """Open the body's last '+' and choose a block, as an editor does."""
    blocks_before = body.locator("[data-streamfield-child]").count()
    body.get_by_role("button", name="Insert a block").last.click()
    body.page.get_by_role("option", name=block_label).click()
    expect(body.locator("[data-streamfield-child]")).to_have_count(blocks_before + 1)
    return body.locator("[data-streamfield-child]").last


def write_story(page, live_server, year):
    page.goto(f"{live_server.url}/admin/pages/{year.pk}/")
    page.get_by_role("link", name="Add child page").first.click()
    page.get_by_role("textbox", name="Title*").fill(STORY_TITLE)
    page.get_by_role("textbox", name="Date").fill("2014-12-20")
    page.get_by_role("textbox", name="Summary").fill(
        "Nine North Korean orphans crossed into safety this week."
    )
    body = page.locator("[data-contentpath='body']")
    # The body opens with a paragraph, ready to type into.
    first_paragraph = body.get_by_role("textbox").first
    first_paragraph.fill("The children walked for three nights before reaching the shelter.")
    expect(first_paragraph).to_contain_text("three nights")

    heading = add_block(body, "Heading").get_by_role("textbox")
    heading.fill("Their first night")
    expect(heading).to_have_value("Their first night")

    paragraph = add_block(body, "Paragraph").get_by_role("textbox")
    paragraph.fill("Volunteers gave them warm rice and blankets.")
    expect(paragraph).to_contain_text("warm rice")

    image = add_block(body, "Image")
    image.get_by_role("button", name="Choose an image").click()
    page.get_by_role("link", name="Children at the shelter door").click()
    image.get_by_role("textbox", name="Alt text*").fill("Nine children at the shelter's door")

    # The annual report, uploaded from the document chooser.
    report = add_block(body, "Document")
    report.get_by_role("button", name="Choose a document").click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("tab", name="Upload").click()
    chooser.get_by_label("File*").set_input_files(
        {"name": "annual-report-2014.pdf", "mimeType": "application/pdf", "buffer": REPORT_PDF}
    )
    chooser.get_by_role("textbox", name="Title*").fill("LFNKR Annual Report 2014")
    chooser.get_by_role("button", name="Upload").click()
    expect(report.get_by_text("LFNKR Annual Report 2014")).to_be_visible()


def test_1_an_editor_writes_previews_and_submits_a_story(browser, live_server, newsroom):
    page = sign_in(browser, live_server, "hanako")
    write_story(page, live_server, newsroom)
    # Wagtail 8 autosaves the new page. A click on "Save draft" while that first autosave
    # is on its way posts the create form a second time, which Wagtail refuses (the slug
    # is taken by then): the click waits until the autosave has created the page.
    expect(page.locator("#w-autosave-indicator")).to_have_attribute(
        "data-w-autosave-state-value", "saved"
    )
    page.get_by_role("button", name="Save draft").click()
    saved = re.compile(rf"Page '{re.escape(STORY_TITLE)}' (created|has been updated)\.")
    expect(page.get_by_text(saved)).to_be_visible()
    story = NewsPage.objects.get(title=STORY_TITLE)
    assert not story.live
    body = story.get_latest_revision_as_object().body
    kinds = [block.block_type for block in body]
    assert kinds == ["paragraph", "heading", "paragraph", "image", "document"]

    # The preview panel shows the story as visitors will see it.
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", name="Their first night")).to_be_visible()
    expect(preview.get_by_alt_text("Nine children at the shelter's door")).to_be_visible()
    expect(preview.get_by_role("link", name="LFNKR Annual Report 2014")).to_be_visible()

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Moderators approval").click()
    submitted = page.get_by_text("has been submitted for moderation")
    # On a busy machine Wagtail 8's autosave can store a revision while the page
    # reloads after "Save draft"; Wagtail then asks before overwriting it, and an
    # editor goes ahead: the content is the same.
    conflict = page.get_by_role("dialog", name="You saved a new version in another window")
    expect(submitted.or_(conflict)).to_be_visible()
    if conflict.is_visible():
        conflict.get_by_role("button", name="Submit to Moderators approval").click()
    expect(submitted).to_be_visible()
    expect(page.get_by_role("row", name=STORY_TITLE)).to_contain_text(
        re.compile("in moderation", re.I)
    )
    story.refresh_from_db()
    assert story.workflow_in_progress and not story.live
    page.close()


@pytest.fixture
def submitted_story(newsroom):
    """The story of test 1, sent for moderation by the editor."""
    from django.contrib.auth.models import User
    from django.test import Client
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    editor = Client()
    sign_in_verified(editor, User.objects.get(username="hanako"))
    data = nested_form_data(
        {
            "title": STORY_TITLE,
            "slug": "nine-orphans-reach-the-shelter-safely",
            "date": "2014-12-20",
            "summary": "Nine North Korean orphans crossed into safety this week.",
            "body": streamfield(
                [
                    ("heading", "Their first night"),
                    ("paragraph", rich_text("<p>Volunteers gave them warm rice and blankets.</p>")),
                ]
            ),
        }
    )
    response = editor.post(
        f"/admin/pages/add/news/newspage/{newsroom.pk}/", {**data, "action-submit": "1"}
    )
    assert response.status_code == 302
    return NewsPage.objects.get(title=STORY_TITLE)


def test_2_a_moderator_approves_and_visitors_find_the_story(browser, live_server, submitted_story):
    page = sign_in(browser, live_server, "kenji")
    # The dashboard lists what waits for review.
    page.get_by_role("link", name=STORY_TITLE).first.click()
    page.wait_for_url(f"**/admin/pages/{submitted_story.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(page.get_by_text(f"Page '{STORY_TITLE}' has been updated.")).to_be_visible()
    expect(page.get_by_role("row", name=STORY_TITLE)).to_contain_text(re.compile("live", re.I))

    visitor = browser.new_page(viewport={"width": 1280, "height": 1000})
    for url in ["/en/", "/en/2014/"]:
        visitor.goto(live_server.url + url)
        first_story = visitor.locator(".news-item__title, .news-card__title").first
        expect(first_story).to_have_text(STORY_TITLE)
    visitor.get_by_role("searchbox", name="Search Website").fill("blankets")
    visitor.get_by_role("button", name="Search").first.click()
    visitor.get_by_role("link", name=STORY_TITLE).click()
    expect(visitor.get_by_role("heading", name="Their first night")).to_be_visible()
    page.close()
    visitor.close()


def test_3_an_editor_changes_the_telephone_number_on_every_page(browser, live_server, newsroom):
    page = sign_in(browser, live_server, "hanako")
    page.get_by_role("link", name="Address").click()
    page.get_by_role("link", name="Life Funds for North Korean Refugees").click()
    page.get_by_role("textbox", name="Telephone").fill("+81-3-5555-0123")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("updated")).to_be_visible()

    visitor = browser.new_page()
    story = NewsPage.objects.get(title="Whitewash Goes to Prison")
    for url in ["/en/", "/en/2014/", story.url, "/en/search/?q=prison"]:
        visitor.goto(live_server.url + url)
        footer = visitor.locator("footer")
        expect(footer).to_contain_text("Tel +81-3-5555-0123")
        expect(footer).not_to_contain_text("Tel +81-3-3815-8127")
    page.close()
    visitor.close()


def test_4_an_editor_restores_an_earlier_revision(browser, live_server, newsroom):
    story = NewsPage.objects.get(title="Whitewash Goes to Prison")
    moderator = member_of("Moderators", "aiko")
    # Two edits published in turn, as the admin records them.
    for summary in [
        "The notorious Yodok Prison Camp is being brightened up.",
        "A mistaken summary that an editor wants to undo.",
    ]:
        story.summary = summary
        story.save_revision(user=moderator, log_action=True).publish(user=moderator)

    page = sign_in(browser, live_server, "hanako")
    page.goto(f"{live_server.url}/admin/pages/{story.pk}/history/")
    # The history lists the newest first: the earlier edit is the second.
    earlier = page.get_by_role("row").filter(has_text="Draft saved").nth(1)
    earlier.get_by_role("button", name="Actions").click()
    earlier.get_by_role("link", name="Review this version").click()
    summary = page.get_by_role("textbox", name="Summary")
    expect(summary).to_have_value("The notorious Yodok Prison Camp is being brightened up.")
    page.get_by_role("button", name="Replace current draft").click()
    expect(page.get_by_text("has been replaced with version")).to_be_visible()
    draft = NewsPage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert draft.summary == "The notorious Yodok Prison Camp is being brightened up."
    page.close()


def test_a_failed_browser_test_leaves_screenshots_of_its_tabs(browser, tmp_path, monkeypatch):
    from tests import conftest

    monkeypatch.setattr(conftest, "ARTEFACTS", tmp_path)
    tab = browser.new_page()
    tab.set_content("<h1>Where the test stopped</h1>")
    conftest.save_screenshots(browser, "test_story[en/2014]")
    assert (tmp_path / "test_story_en_2014_-1.png").stat().st_size > 0
    tab.close()
