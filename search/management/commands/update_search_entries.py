import time

from django.core.management.base import BaseCommand

from search.backend import uses_own_index
from search.entries import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the site search's index of live pages (search/). Run after changing "
        "pages with SQL; publishing through Wagtail keeps it up to date."
    )

    def handle(self, *args, **options):
        if not uses_own_index():
            self.stdout.write("The site searches with Wagtail's backend: nothing to rebuild.")
            return
        started = time.monotonic()
        count = rebuild()
        seconds = time.monotonic() - started
        self.stdout.write(f"Indexed {count} live pages for search in {seconds:.1f} s.")
