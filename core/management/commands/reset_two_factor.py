"""An administrator's reset of someone's second factor, when a phone or passkey is lost."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.two_factor import must_use_two_factor, remove_second_factors


class Command(BaseCommand):
    help = (
        "Remove every second factor of a user (authenticator apps, passkeys, recovery "
        "codes). Their sessions stop being verified; at their next sign-in they set up "
        "a new one (administrators, Moderators and Finance must)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as error:
            raise CommandError(f"No user is called {username!r}.") from error
        removed = remove_second_factors(user)
        then = (
            "they must set up a new one at their next sign-in"
            if must_use_two_factor(user)
            else "they may set up a new one from their account"
        )
        self.stdout.write(f"Removed {removed} second factor(s) of {username}; {then}.")
