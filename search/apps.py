from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Site search index"

    def ready(self):
        from .signals import connect_signals

        connect_signals()
