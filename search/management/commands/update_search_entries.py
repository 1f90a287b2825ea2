import time

from django.core.management.base import BaseCommand

from search.backend import uses_own_index
from search.entries import rebuild
from search.models import SearchEntry


class Command(BaseCommand):
    help = (
        "Rebuild the site search's index of live pages (search/). Run after changing "
        "pages with SQL; publishing through Wagtail keeps it up to date."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Only when the index holds nothing yet (a database from before it).",
        )

    def handle(self, *args, if_empty=False, **options):
        if not uses_own_index():
            self.stdout.write("The site searches with Wagtail's backend: nothing to rebuild.")
            return
        if if_empty and SearchEntry.objects.exists():
            return
        started = time.monotonic()
        count = rebuild()
        seconds = time.monotonic() - started
        self.stdout.write(f"Indexed {count} live pages for search in {seconds:.1f} s.")
