from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission


class Command(BaseCommand):
    help = "Delete contact form submissions older than a number of days (privacy)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=getattr(settings, "CONTACT_SUBMISSION_RETENTION_DAYS", 365),
            help="Keep submissions this many days (default: CONTACT_SUBMISSION_RETENTION_DAYS).",
        )

    def handle(self, *args, days, **options):
        cutoff = timezone.now() - timedelta(days=days)
        deleted, _ = FormSubmission.objects.filter(submit_time__lt=cutoff).delete()
        self.stdout.write(f"Deleted {deleted} submissions older than {days} days.")
