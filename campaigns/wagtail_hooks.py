from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import DonationOption


class DonationOptionViewSet(SnippetViewSet):
    model = DonationOption
    icon = "pick"
    menu_label = "Donation options"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["label", "url", "sort_order", "active"]
    list_filter = ["active"]


register_snippet(DonationOptionViewSet)
