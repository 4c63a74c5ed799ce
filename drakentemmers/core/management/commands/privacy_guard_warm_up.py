from django.core.management.base import BaseCommand

from drakentemmers.core.privacy import warm_up


class Command(BaseCommand):
    help = "Build the privacy guard's name-lookup cache now (about 90 s once per machine), not on the first request."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Privacy guard ready in {warm_up():.1f} s")
