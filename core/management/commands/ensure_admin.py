import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make sure an administrator account exists. The user name and password come from "
        "ADMIN_USERNAME and ADMIN_PASSWORD, or a password is generated and printed once."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("ADMIN_USERNAME") or "admin"
        password = os.environ.get("ADMIN_PASSWORD")
        email = os.environ.get("ADMIN_EMAIL", "")
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Log in at /admin/ as “{username}” (the account exists; its password was "
                "printed when it was created, or set ADMIN_PASSWORD and run `manage.py "
                "changepassword`)."
            )
            return
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"Created the administrator “{username}”."))
        if generated:
            self.stdout.write(f"Log in at /admin/ as “{username}” with the password: {password}")
            self.stdout.write("It is shown only this once: keep it somewhere safe.")
        else:
            self.stdout.write(f"Log in at /admin/ as “{username}” with ADMIN_PASSWORD.")
