from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app of the site stands on; it knows none of them."""

    name = "core"
    verbose_name = "Site core"

    def ready(self):
        from . import cache, lookups, responsive_images, uploads

        cache.connect_signals()
        lookups.remember_wagtail_lookups()
        uploads.register_policies()
        responsive_images.list_each_width_once()
