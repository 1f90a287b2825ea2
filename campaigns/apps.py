from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "Campaigns and giving"

    def ready(self):
        from core.cache import bump_content_version_on_change

        from .models import Donation, DonationOption

        bump_content_version_on_change(DonationOption, Donation)
