from django.core.management.base import BaseCommand, CommandError

from drakentemmers.api.hsds.check import check_export


class Command(BaseCommand):
    help = "Validate the whole HSDS export of the public directory against the official HSDS 3.0 and 3.1 schemas."

    def handle(self, *args, **options) -> None:
        report = check_export()
        for name, count in report.counts.items():
            self.stdout.write(f"{name:28} {count:6} objects")
        for error in report.errors:
            self.stderr.write(error)
        summary = f"{report.objects} objects validated, {len(report.errors)} errors"
        if report.errors:
            raise CommandError(summary)
        self.stdout.write(summary)
