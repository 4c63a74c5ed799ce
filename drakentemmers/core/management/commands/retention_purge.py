from django.core.management.base import BaseCommand

from drakentemmers.core.retention import retention_purge


class Command(BaseCommand):
    help = "Remove or anonymise what is past its retention period now (the daily job retention_purge does the same)."

    def handle(self, *args, **options):
        for name, count in retention_purge().items():
            self.stdout.write(f"{name}: {count}")
