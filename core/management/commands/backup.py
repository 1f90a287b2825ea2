from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, create_backup


class Command(BaseCommand):
    help = "Write a dated tarball of the database and the uploaded media."

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            default=settings.BACKUP_DIR,
            help="Where to write it (default: BACKUP_DIR, ./backups).",
        )

    def handle(self, *args, directory, **options):
        try:
            path = create_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {path}")
