"""`make run`: an administrator account, then Django's development server.

The site's address and the administrator's log-in are the last lines printed
before the server's request log. The reloader serves from a child process that
inherits the log-in through the environment and prints it again after a restart.
"""

import os
from io import StringIO

from django.core.management import call_command
from django.core.management.commands.runserver import Command as RunserverCommand

LOGIN_VARIABLE = "LFNKR_RUNSITE_LOGIN"


class Command(RunserverCommand):
    help = "Make sure an administrator exists, then serve the site for development."

    def handle(self, *args, **options):
        if LOGIN_VARIABLE not in os.environ:
            report = StringIO()
            call_command("ensure_admin", stdout=report, no_color=True)
            os.environ[LOGIN_VARIABLE] = report.getvalue().strip()
        super().handle(*args, **options)

    def on_bind(self, server_port):
        super().on_bind(server_port)
        address = f"{self.protocol}://{self.addr}:{server_port}"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"The site:  {address}/"))
        self.stdout.write(self.style.SUCCESS(f"The admin: {address}/admin/"))
        self.stdout.write(os.environ.get(LOGIN_VARIABLE, ""))
