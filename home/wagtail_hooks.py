from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import OrganisationAddress


class OrganisationAddressViewSet(SnippetViewSet):
    model = OrganisationAddress
    icon = "site"
    menu_label = "Address"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "city", "country", "locale"]


register_snippet(OrganisationAddressViewSet)
