"""The Finance team's dashboard panel: this month's gifts per campaign and currency."""

from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from .models import CampaignPage, Donation


class GiftsThisMonthPanel(Component):
    name = "gifts_this_month"
    order = 60
    template_name = "campaigns/admin/gifts_this_month.html"

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        # A campaign's English and Japanese pages are one campaign: group by translation.
        rows = list(
            Donation.objects.filter(date_received__range=(today.replace(day=1), today))
            .values("campaign__translation_key", "currency")
            .annotate(
                gifts=Count("pk", filter=Q(refund_of=None)),
                total=Sum("amount"),
                net=Sum(F("amount") - F("fee")),
            )
            .order_by("campaign__translation_key", "currency")
        )
        titles = dict(
            CampaignPage.objects.filter(
                translation_key__in={row["campaign__translation_key"] for row in rows},
                locale=Locale.get_default(),
            ).values_list("translation_key", "title")
        )
        for row in rows:
            row["campaign"] = titles.get(row["campaign__translation_key"], "")
        rows.sort(key=lambda row: (row["campaign"] == "", row["campaign"], row["currency"]))
        return {"month": today, "rows": rows}
