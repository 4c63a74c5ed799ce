"""Guard for the demo commands: they create or reveal fictitious logins with a published password.

On a production machine (DEBUG off) that would open the platform to anyone who reads the README, so
the commands refuse unless `--allow-production` is given on purpose (e.g. an acceptance environment).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

ALLOW_FLAG = "--allow-production"


class DemoCommand(BaseCommand):
    """Base for commands that only belong on development and demo machines."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument(
            ALLOW_FLAG,
            action="store_true",
            dest="allow_production",
            help="Run even though DEBUG is off (demo accounts use a published password).",
        )
        return parser

    def execute(self, *args, **options):
        if not settings.DEBUG and not options.get("allow_production"):
            raise CommandError(
                f"Refusing to run with DEBUG off: demo accounts use a published password and known "
                f"two-factor secrets. Pass {ALLOW_FLAG} if this really is a demo environment."
            )
        return super().execute(*args, **options)
