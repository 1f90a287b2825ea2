"""Every block an editor can add explains itself in the block chooser."""

import pytest

from news.blocks import StoryBlock


@pytest.mark.parametrize("name", list(StoryBlock.base_blocks))
def test_each_story_block_has_a_template_icon_description_and_group(name):
    meta = StoryBlock.base_blocks[name].meta
    assert meta.template and meta.template.startswith("components/streamfield/")
    assert meta.icon and meta.icon != "placeholder"
    assert meta.description
    assert meta.group in {"Text", "Media", "Giving"}


def test_text_blocks_have_a_preview():
    for name in ["heading", "paragraph", "quote", "donate"]:
        assert StoryBlock.base_blocks[name].meta.preview_value
