"""`manage.py mfa_reset EMAIL --reason "..." --by ADMIN_EMAIL`: the second factor of a person who lost it.

Follow the procedure in docs/operations.md ("Resetting two-step login") first: the identity check out of band and
a second person. The command refuses without a reason, without an administrator other than the person, and for an
account without a second factor.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from drakentemmers.accounts.models import User
from drakentemmers.accounts.services import mfa_reset


class Command(BaseCommand):
    help = "Remove every second factor of an account and log it out everywhere (see docs/operations.md)."

    def add_arguments(self, parser):
        parser.add_argument("email", help="the account whose second factor is lost")
        parser.add_argument("--reason", required=True, help="why, and how the identity was checked (audit log)")
        parser.add_argument("--by", required=True, help="e-mail address of the administrator doing the reset")

    def handle(self, *args, email: str, reason: str, by: str, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        admin = User.objects.filter(email__iexact=by.strip()).first()
        if user is None:
            raise CommandError(f"No account with the e-mail address {email}.")
        if admin is None:
            raise CommandError(f"No account with the e-mail address {by} (--by).")
        try:
            result = mfa_reset(user=user, reason=reason, by=admin)
        except (ValidationError, PermissionDenied) as error:
            message = error.messages[0] if isinstance(error, ValidationError) else str(error)
            raise CommandError(message) from error
        self.stdout.write(
            f"Removed {result['authenticators']} authenticator(s) ({', '.join(result['kinds'])}), "
            f"ended {result['sessions']} session(s); {user.email} has been told by e-mail."
        )
