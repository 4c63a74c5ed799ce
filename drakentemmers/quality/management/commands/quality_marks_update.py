from django.core.management.base import BaseCommand

from drakentemmers.quality.services import marks_daily_update


class Command(BaseCommand):
    help = "Run the daily quality-mark job now: award, renew, give notice, withdraw, remind (idempotent)."

    def handle(self, *args, **options) -> None:
        counts = marks_daily_update()
        self.stdout.write(", ".join(f"{action}: {n}" for action, n in sorted(counts.items())) or "nothing to do")
