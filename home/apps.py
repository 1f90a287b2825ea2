from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and organisation"

    def ready(self):
        from core.cache import bump_content_version_on_change

        from . import signals  # noqa: F401
        from .models import OrganisationAddress, SocialLink

        bump_content_version_on_change(OrganisationAddress, SocialLink)
