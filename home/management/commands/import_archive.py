from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home.setup import build_site
from news.archive import ArchiveFormatError, default_archive_path, parse_archive
from search.entries import rebuild as rebuild_search_entries


class Command(BaseCommand):
    help = (
        "Build the site from the text of LFNKR's old news page: the home page, a news "
        "year page per year, every story and highlight, the address and donation options. "
        "Safe to run again: what exists already is left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", help="The archive text (default: data/lfnkr-news-archive.txt)."
        )

    def handle(self, *args, path=None, **options):
        path = Path(path) if path else default_archive_path()
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError as error:
            raise CommandError(f"{path}: no such file") from error
        except IsADirectoryError as error:
            raise CommandError(f"{path}: is a folder, not an archive file") from error
        except PermissionError as error:
            raise CommandError(f"{path}: not allowed to read it") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{path}: not UTF-8 text, so not an archive") from error
        try:
            archive = parse_archive(text)
        except ArchiveFormatError as error:
            raise CommandError(f"{path}: {error}. Nothing was imported.") from error

        report = build_site(archive)
        if report.changed:
            # Each page was indexed as it was saved; indexed again together, every
            # title is weighed against the same average (search/models.py).
            rebuild_search_entries()

        for year in archive.years:
            created = report.created_per_year[year]
            present = report.present_per_year[year]
            self.stdout.write(f"{year}: {created} stories imported, {present} already present")
        for change in report.changes:
            self.stdout.write(change)
        if report.changed:
            total = sum(report.created_per_year.values())
            self.stdout.write(self.style.SUCCESS(f"Imported {total} stories from {path}."))
        else:
            self.stdout.write(
                self.style.SUCCESS("Nothing to import: the site already holds this archive.")
            )
