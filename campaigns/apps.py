from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    default = True  # "campaigns" means this one, not the PayPal app's config below
    name = "campaigns"
    verbose_name = "Campaigns and giving"

    def ready(self):
        from paypal.standard.ipn.models import PayPalIPN
        from paypal.standard.ipn.signals import invalid_ipn_received, valid_ipn_received

        from core.cache import bump_content_version_on_change

        from . import paypal
        from .models import Donation, DonationOption

        bump_content_version_on_change(DonationOption, Donation)
        # django-paypal picks the address it confirms a notification with from the
        # notification's own test_ipn field, which whoever posts it chooses: a sandbox
        # payment would be confirmed by the sandbox and counted. Ours is a setting.
        PayPalIPN.get_endpoint = paypal.verification_url
        valid_ipn_received.connect(paypal.record_notification, dispatch_uid="campaigns.paypal")
        invalid_ipn_received.connect(paypal.log_refusal, dispatch_uid="campaigns.paypal")


class PayPalIPNConfig(AppConfig):
    """django-paypal's notifications app, whose migrations made its ids AutoFields: it
    sets no default_auto_field, and this project's BigAutoField asked for a migration."""

    name = "paypal.standard.ipn"
    label = "ipn"
    verbose_name = "PayPal IPN"
    default_auto_field = "django.db.models.AutoField"
