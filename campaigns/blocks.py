"""The giving blocks, and the story body that holds them beside the text and media.

StoryBlock is the body of news stories, appeals and content pages. It is defined
here, in the lowest app that knows every block it holds: news and home stand on
campaigns, and campaigns on core.
"""

from wagtail import blocks

from core.blocks import BodyBlock


class DonateBlock(blocks.StructBlock):
    """A call to donate inside a story, listing the active donation options."""

    heading = blocks.CharBlock(
        default="Please help us rescue refugees", help_text="A short appeal, e.g. “Please help”."
    )
    text = blocks.TextBlock(required=False, help_text="Why a gift matters now (optional).")

    class Meta:
        group = "Giving"
        template = "components/streamfield/donate_block.html"
        icon = "pick"
        label = "Call to donate"
        description = "An appeal with links to every active donation option"
        help_text = "The donation options themselves are edited in Snippets › Donation options."
        preview_value = {
            "heading": "Please help us rescue refugees",
            "text": "Seven refugees are waiting in China for the next step of their rescue.",
        }

    def get_context(self, value, parent_context=None):
        from .models import DonationOption  # the models' bodies are made of these blocks

        context = super().get_context(value, parent_context)
        context["donation_options"] = DonationOption.objects.active_for_locale()
        return context


def newest_open_appeal_preview():
    from .models import CampaignPage  # the models' bodies are made of these blocks

    return {
        "campaign": CampaignPage.objects.live()
        .open_to_gifts()
        .order_by("-first_published_at")
        .first(),
        "text": "Your gift brings a refugee family to safety.",
    }


class SupportAppealBlock(blocks.StructBlock):
    """Asks the story's readers to support one of the appeals."""

    campaign = blocks.PageChooserBlock(
        page_type="campaigns.CampaignPage", help_text="The appeal to support."
    )
    text = blocks.CharBlock(required=False, help_text="A sentence inviting readers to help.")

    class Meta:
        group = "Giving"
        template = "components/streamfield/support_appeal_block.html"
        icon = "pick"
        label = "Support this appeal"
        description = "A link to an appeal, with how much it has raised"
        help_text = "Choose an appeal from Campaigns; its progress updates by itself."
        preview_value = staticmethod(newest_open_appeal_preview)


class StoryBlock(BodyBlock):
    """The body of a story, an appeal or a content page: text, media and giving."""

    donate = DonateBlock()
    appeal = SupportAppealBlock()
