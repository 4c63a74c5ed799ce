from drakentemmers.accounts.demo import DEMO_PASSWORD, DEMO_USERS, demo_email
from drakentemmers.core.management.demo import DemoCommand


class Command(DemoCommand):
    help = "Print the demo logins."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Demo-logins (wachtwoord voor alle accounts: {DEMO_PASSWORD})")
        for local, _first, _last, roles in DEMO_USERS:
            label = ", ".join(str(role.label) for role in roles) or "geen rol"
            self.stdout.write(f"  {demo_email(local):40} {label}")
        self.stdout.write(
            "Accounts met tweestapsverificatie: code opvragen met  .venv/bin/python manage.py demo_totp E-MAIL"
        )
