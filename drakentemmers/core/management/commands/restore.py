from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from drakentemmers.core.backup_crypto import BackupKeyError
from drakentemmers.core.backups import backup_restore, configured_key


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into the configured database and MEDIA_ROOT, then verify it."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="the backup directory")
        parser.add_argument("--yes", action="store_true", help="do not ask: the configured database is overwritten")

    def handle(self, *args, backup: str, yes: bool, **options):
        if not yes and input("This overwrites the configured database and uploaded files. Type 'yes': ") != "yes":
            raise CommandError("Not restored.")
        try:
            result = backup_restore(Path(backup), key=configured_key())
        except BackupKeyError as error:
            raise CommandError(f"Not restored: {error}") from error
        self.stdout.write(f"{result.tables} tables, {result.rows} rows, {result.files} uploaded files restored.")
        if result.mismatches:
            raise CommandError("The restore differs from the backup:\n" + "\n".join(result.mismatches))
        self.stdout.write("Every table and file matches the backup's manifest.")
