from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import HistoryView, IndexView

from core.exports import FormulaSafeExportMixin

from .dashboard import GiftsThisMonthPanel
from .models import Donation, DonationOption


class DonationOptionViewSet(SnippetViewSet):
    model = DonationOption
    icon = "pick"
    menu_label = "Donation options"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["label", "kind", "url", "sort_order", "active"]
    list_filter = ["active", "kind"]


register_snippet(DonationOptionViewSet)


def can_see_donors(request):
    return request.user.has_perm("campaigns.view_donor_name")


class DonationIndexView(FormulaSafeExportMixin, IndexView):
    """The donations list; its CSV export runs no formula typed into a name or note."""


class DonationHistoryView(HistoryView):
    """wagtail-modeladmin shows any admin user a record's history (its amount, date
    and who changed it); a gift's history is for those who may list gifts."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_list(user)


class DonationAdmin(ModelAdmin):
    """Donation records: listed, filtered, searched and exported by the Finance team."""

    model = Donation
    menu_label = "Donations"
    menu_icon = "pick"
    menu_order = 305
    list_display = ("date_received", "campaign", "amount", "currency", "channel")
    list_filter = ("campaign", "channel", "date_received")
    list_export = (
        "date_received",
        "campaign",
        "amount",
        "currency",
        "fee",
        "net",
        "channel",
        "transaction_id",
        "note",
    )
    search_fields = ("note", "transaction_id")
    export_filename = "lfnkr-donations"
    index_view_class = DonationIndexView
    history_view_class = DonationHistoryView

    def get_list_display(self, request):
        donor = ("donor",) if can_see_donors(request) else ()
        return self.list_display + donor

    def get_search_fields(self, request):
        donor = ("donor_name", "donor_email") if can_see_donors(request) else ()
        return self.search_fields + donor

    def get_list_export(self, request):
        donor = ("donor_name", "donor_email") if can_see_donors(request) else ()
        return self.list_export + donor


modeladmin_register(DonationAdmin)


@hooks.register("construct_homepage_panels")
def add_gifts_this_month_panel(request, panels):
    if request.user.has_perm("campaigns.view_donation"):
        panels.append(GiftsThisMonthPanel())
