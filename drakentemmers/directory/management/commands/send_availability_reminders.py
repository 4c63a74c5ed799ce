from django.core.management.base import BaseCommand

from drakentemmers.directory.services import availability_reminders_send


class Command(BaseCommand):
    help = "E-mail therapists whose availability is older than 4 weeks (at most once per 4 weeks). For cron."

    def handle(self, *args, **options) -> None:
        count = availability_reminders_send()
        self.stdout.write(f"{count} availability reminder(s) queued.")
