"""Every block an editor can add explains itself in the block chooser, with a preview."""

import html
import json
import re

import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from campaigns.blocks import StoryBlock
from news.models import NewsPage
from tests.factories import ImageFactory, NewsIndexPageFactory

STORY_BLOCKS = list(StoryBlock.base_blocks)


@pytest.mark.parametrize("name", STORY_BLOCKS)
def test_each_story_block_has_a_template_icon_description_help_and_group(name):
    meta = StoryBlock.base_blocks[name].meta
    assert meta.template and meta.template.startswith("components/streamfield/")
    assert meta.icon and meta.icon != "placeholder"
    assert meta.description
    assert meta.help_text
    assert meta.group in {"Text", "Media", "Giving"}


@pytest.mark.django_db
@pytest.mark.parametrize("name", STORY_BLOCKS)
def test_each_story_block_shows_a_preview_in_the_block_picker(admin_client, name):
    ImageFactory()  # the image block previews the newest photo of the library
    block = StoryBlock().child_blocks[name]
    assert block.is_previewable
    response = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})
    assert response.status_code == 200
    preview = response.content.decode()
    assert "/static/css/site.css" in preview  # previews look like the site
    assert f'class="w-block-{name}' in preview or "block-video__player--preview" in preview
    if name == "image":
        assert "<picture>" in preview


@pytest.mark.django_db
def test_the_video_preview_never_loads_a_video(admin_client):
    block = StoryBlock().child_blocks["video"]
    preview = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})
    assert "<iframe" not in preview.content.decode()


@pytest.fixture
def year_2014(home):
    return NewsIndexPageFactory(parent=home, year=2014)


def initial_body_blocks(add_form_html):
    """The blocks the story form's body opens with, as the editor's browser receives them."""
    # The story form has one StreamField, the body: its arguments are [value, ...].
    match = re.search(r'data-w-block-arguments-value="([^"]*)"', add_form_html)
    return json.loads(html.unescape(match.group(1)))[0]


@pytest.mark.django_db
def test_a_new_story_opens_with_a_paragraph_ready_to_type_into(admin_client, year_2014):
    form = admin_client.get(f"/admin/pages/add/news/newspage/{year_2014.pk}/").content.decode()
    blocks = initial_body_blocks(form)
    assert [block["type"] for block in blocks] == ["paragraph"]


@pytest.mark.django_db
def test_an_untouched_paragraph_is_dropped_not_refused(admin_client, year_2014):
    data = nested_form_data(
        {
            "title": "Shelter Opens",
            "slug": "shelter-opens",
            "summary": "",
            "body": streamfield(
                [
                    ("paragraph", rich_text("")),
                    ("heading", "The first night"),
                    ("paragraph", rich_text("<p>Eight children slept safely.</p>")),
                    ("paragraph", rich_text("<p> </p>")),
                ]
            ),
        }
    )
    response = admin_client.post(f"/admin/pages/add/news/newspage/{year_2014.pk}/", data)
    assert response.status_code == 302
    body = NewsPage.objects.get().get_latest_revision_as_object().body
    assert [block.block_type for block in body] == ["heading", "paragraph"]
