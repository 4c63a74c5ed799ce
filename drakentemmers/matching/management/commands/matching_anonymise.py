from django.core.management.base import BaseCommand

from drakentemmers.matching import services


class Command(BaseCommand):
    help = "Anonymise finished care requests past the retention period."

    def handle(self, *args, **options) -> None:
        result = services.care_requests_anonymise()
        self.stdout.write(f"care_requests_anonymise: {result}")
