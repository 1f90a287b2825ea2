"""The admin dashboard panel: what needs an editor's eyes today."""

from wagtail.admin.ui.components import Component
from wagtail.models import Locale, WorkflowState

from campaigns.models import CampaignPage
from news.models import NewsPage

LATEST_COUNT = 5


class SiteAtAGlancePanel(Component):
    name = "site_at_a_glance"
    order = 50
    template_name = "home/admin/site_at_a_glance.html"

    def get_context_data(self, parent_context):
        in_moderation = (
            WorkflowState.objects.active()
            .filter(base_content_type__model="page")
            .select_related("current_task_state__task")
            .order_by("-created_at")
        )
        return {
            "in_moderation": [state.content_object for state in in_moderation[:LATEST_COUNT]],
            "in_moderation_count": in_moderation.count(),
            "latest_news": NewsPage.objects.live()
            .filter(locale=Locale.get_default())
            .order_by("-last_published_at")[:LATEST_COUNT],
            "open_campaigns": CampaignPage.objects.live()
            .filter(locale=Locale.get_default())
            .open_to_gifts(),
        }
