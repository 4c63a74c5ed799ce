from django.core.management.base import BaseCommand

from drakentemmers.matching import services


class Command(BaseCommand):
    help = "Remind therapists of unanswered candidacies; lapse them after 7 working days."

    def handle(self, *args, **options) -> None:
        result = services.candidacies_remind()
        self.stdout.write(f"candidacies_remind: {result}")
