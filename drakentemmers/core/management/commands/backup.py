from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from drakentemmers.core.backup_crypto import BackupKeyError, key_generate
from drakentemmers.core.backups import backup_create, configured_key


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files into a new directory (default: var/backups); "
        "encrypted when BACKUP_ENCRYPTION_KEY is set."
    )

    def add_arguments(self, parser):
        parser.add_argument("--target", default="var/backups", help="directory that receives the new backup")
        parser.add_argument("--generate-key", action="store_true", help="print a new key for BACKUP_ENCRYPTION_KEY")

    def handle(self, *args, target: str, generate_key: bool, **options):
        if generate_key:
            self.stdout.write(key_generate())
            return
        try:
            key = configured_key()
        except BackupKeyError as error:
            raise CommandError(str(error)) from error
        directory = backup_create(Path(target), key=key)
        if key is None:
            self.stderr.write("Not encrypted: BACKUP_ENCRYPTION_KEY is not set. Encrypt the copy you store elsewhere.")
        self.stdout.write(str(directory))
