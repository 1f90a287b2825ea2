"""The admin dashboard panel: what needs an editor's eyes today."""

from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page, WorkflowState

from campaigns.models import CampaignPage, DonationOption
from news.models import NewsPage

from .setup import LEFT_TO_WRITE

LATEST_COUNT = 5


class SiteAtAGlancePanel(Component):
    name = "site_at_a_glance"
    order = 50
    template_name = "home/admin/site_at_a_glance.html"

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        keeps_the_site = user.is_superuser or user.groups.filter(name__in=SITE_KEEPERS).exists()
        # Only what a moderator must act on: a page sent back for changes waits for
        # its editor, not for moderation.
        in_moderation = (
            WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
            .filter(base_content_type__model="page")
            .select_related("current_task_state__task")
            .order_by("-created_at")
        )
        return {
            "in_moderation": [state.content_object for state in in_moderation[:LATEST_COUNT]],
            "in_moderation_count": in_moderation.count(),
            # The newest stories by their date, as visitors see them: the import
            # publishes the oldest highlights last.
            "latest_news": NewsPage.objects.live()
            .filter(locale=Locale.get_default())
            .newest_first()[:LATEST_COUNT],
            "open_campaigns": CampaignPage.objects.live()
            .filter(locale=Locale.get_default())
            .open_to_gifts(),
            "options_missing": options_missing() if keeps_the_site else [],
            "left_to_write": left_to_write() if keeps_the_site else [],
        }


# Who is told what the site lacks: they can fill it in.
SITE_KEEPERS = ["Editors", "Moderators"]


def options_missing():
    """(option, what is missing) for each active option visitors cannot see."""
    options = DonationOption.objects.filter(active=True).without_destination()
    return [(option, option.missing()) for option in options.select_related("locale")]


def left_to_write():
    """(page, note) for each page the import wrote that no person has edited yet."""
    pages = Page.objects.filter(locale=Locale.get_default(), depth=3, slug__in=LEFT_TO_WRITE)
    return [
        (page, LEFT_TO_WRITE[page.slug])
        for page in pages
        if not page.revisions.filter(user__isnull=False).exists()
    ]
