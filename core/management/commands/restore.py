from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, restore_backup
from core.cache import bump_content_version


class Command(BaseCommand):
    help = "Replace the database and the uploaded media with those of a backup."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="A file written by `manage.py backup`.")

    def handle(self, *args, backup, **options):
        try:
            manifest = restore_backup(backup)
        except BackupError as error:
            raise CommandError(str(error)) from error
        # Pages cached before the restore show what is no longer there. A cache shared
        # through Redis is made stale here; a server caching in its own memory (no
        # REDIS_URL) keeps its copies until they expire or it restarts.
        bump_content_version()
        self.stdout.write(f"Restored the backup of {manifest['created']}.")
