from django.core.management.base import BaseCommand

from drakentemmers.directory.services import availability_reminders_send


class Command(BaseCommand):
    help = (
        "E-mail therapists whose availability is older than 4 weeks (at most once per 4 weeks). The scheduler "
        "runs this on working days (job availability_reminders); this command runs it once, now."
    )

    def handle(self, *args, **options) -> None:
        count = availability_reminders_send()
        self.stdout.write(f"{count} availability reminder(s) queued.")
