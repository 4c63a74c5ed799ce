from django.core.management.base import BaseCommand

from drakentemmers.matching import services


class Command(BaseCommand):
    help = "Warn about and expire care requests that stayed open too long."

    def handle(self, *args, **options) -> None:
        result = services.care_requests_expire()
        self.stdout.write(f"care_requests_expire: {result}")
