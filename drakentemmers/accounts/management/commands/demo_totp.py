from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core.management.base import CommandError

from drakentemmers.accounts.demo import DEMO_DOMAIN, demo_totp_secret
from drakentemmers.core.management.demo import DemoCommand


class Command(DemoCommand):
    help = "Print the current two-factor code of a demo account (demo accounts only)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")

    def handle(self, *args, email: str, **options) -> None:
        if not email.endswith("@" + DEMO_DOMAIN):
            raise CommandError("Only for demo accounts.")
        counters = list(yield_hotp_counters_from_time())
        self.stdout.write(format_hotp_value(hotp_value(demo_totp_secret(email), counters[len(counters) // 2])))
