from django.core.management.base import BaseCommand

from drakentemmers.matching import services


class Command(BaseCommand):
    help = "Remind therapists of unanswered invitations; lapse them after 7 working days."

    def handle(self, *args, **options) -> None:
        result = services.invitations_remind()
        self.stdout.write(f"invitations_remind: {result}")
