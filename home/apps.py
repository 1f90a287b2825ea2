from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and organisation"

    def ready(self):
        from . import signals  # noqa: F401
