"""Backups and restores of the whole platform: the database and the uploaded files, with a manifest to check them.

PostgreSQL: `pg_dump --format=custom` (a consistent snapshot while the site runs) and `pg_restore` into the target
database. SQLite: SQLite's online backup API (consistent too). Uploaded files (MEDIA_ROOT): a tar.gz. The manifest
holds the row count of every table and the list of files, so a restore can prove that everything came back.

With a key (BACKUP_ENCRYPTION_KEY, see core.backup_crypto) every part is encrypted while it is written: pg_dump's
output and the tar stream go through AES-256-GCM on their way to disk, so no plaintext copy is ever stored; the full
manifest is encrypted too, and `manifest.json` keeps only the vendor, the time and the key id. A restore checks the key
and every chunk first, then streams the decrypted dump into pg_restore.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from . import backup_crypto
from .backup_crypto import BackupKeyError

MANIFEST = "manifest.json"
ENCRYPTED = ".enc"
DB_DUMP = "database.dump"
DB_SQLITE = "database.sqlite3"
MEDIA = "media.tar.gz"


@dataclass(frozen=True)
class RestoreResult:
    tables: int
    rows: int
    files: int
    mismatches: list[str]


def table_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608  # nosec B608
            counts[table] = cursor.fetchone()[0]
    return counts


def _media_files(root: Path) -> list[str]:
    if not root.exists():
        return []
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def _pg_env() -> tuple[dict, list[str]]:
    db = connection.settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    args = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432)]
    args += ["--username", db.get("USER") or "postgres"]
    return env, args


def configured_key() -> bytes | None:
    """The backup key from settings (BACKUP_ENCRYPTION_KEY), or None when backups are not encrypted."""
    value = getattr(settings, "BACKUP_ENCRYPTION_KEY", "")
    return backup_crypto.key_parse(value) if value else None


def _open_private(path: Path):
    """A new file only the owner can read (backups hold special-category data)."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")


def _pg_dump(directory: Path, key: bytes | None) -> None:
    env, args = _pg_env()
    command = ["pg_dump", "--format=custom", "--no-owner", *args, connection.settings_dict["NAME"]]
    if key is None:
        subprocess.run([*command, "--file", str(directory / DB_DUMP)], check=True, env=env)  # noqa: S603 - PostgreSQL's own client
        return
    with _open_private(directory / (DB_DUMP + ENCRYPTED)) as target:
        writer = backup_crypto.EncryptingWriter(target, key)
        process = subprocess.Popen(command, stdout=subprocess.PIPE, env=env)  # noqa: S603 - PostgreSQL's own client
        while block := process.stdout.read(backup_crypto.CHUNK_SIZE):
            writer.write(block)
        process.stdout.close()
        if process.wait() != 0:
            raise subprocess.CalledProcessError(process.returncode, command)
        writer.close()


def backup_create(target: Path, *, key: bytes | None = None) -> Path:
    """Write a backup into a new directory under `target`; returns that directory. With `key`, encrypted."""
    directory = target / timezone.now().strftime("drakentemmers-%Y%m%d-%H%M%S")
    directory.mkdir(parents=True, exist_ok=False, mode=0o700)
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        _pg_dump(directory, key)
    elif connection.vendor == "sqlite":
        source = sqlite3.connect(str(db["NAME"]))
        copy = sqlite3.connect(str(directory / DB_SQLITE))
        with copy:
            source.backup(copy)
        copy.close()
        source.close()
        if key is not None:
            with open(directory / DB_SQLITE, "rb") as plain, _open_private(directory / (DB_SQLITE + ENCRYPTED)) as out:
                backup_crypto.file_encrypt(plain, out, key)
            (directory / DB_SQLITE).unlink()
    else:  # pragma: no cover - the platform runs on these two
        raise RuntimeError(f"No backup for database vendor {connection.vendor}")
    media_root = Path(settings.MEDIA_ROOT)
    files = _media_files(media_root)
    if key is None:
        with tarfile.open(directory / MEDIA, "w:gz") as archive:
            for name in files:
                archive.add(media_root / name, arcname=name)
    else:
        with _open_private(directory / (MEDIA + ENCRYPTED)) as target_file:
            writer = backup_crypto.EncryptingWriter(target_file, key)
            with tarfile.open(fileobj=writer, mode="w|gz") as archive:
                for name in files:
                    archive.add(media_root / name, arcname=name)
            writer.close()
    manifest = {
        "created_at": timezone.now().isoformat(),
        "vendor": connection.vendor,
        "tables": table_counts(),
        "media_files": files,
    }
    if key is None:
        (directory / MANIFEST).write_text(json.dumps(manifest, indent=2))
        return directory
    # The file names of uploads can say something about people: the full manifest is encrypted as well.
    with _open_private(directory / (MANIFEST + ENCRYPTED)) as target_file:
        writer = backup_crypto.EncryptingWriter(target_file, key)
        writer.write(json.dumps(manifest, indent=2).encode())
        writer.close()
    outer = {
        "created_at": manifest["created_at"],
        "vendor": manifest["vendor"],
        "encryption": {"algorithm": "AES-256-GCM, 1 MiB chunks", "key_id": backup_crypto.key_id(key)},
    }
    (directory / MANIFEST).write_text(json.dumps(outer, indent=2))
    return directory


def _manifest_read(source: Path, key: bytes | None) -> tuple[dict, bytes | None]:
    """The backup's full manifest, and the key to decrypt its parts with (None for a plaintext backup)."""
    outer = json.loads((source / MANIFEST).read_text())
    encryption = outer.get("encryption")
    if not encryption:
        return outer, None
    if key is None:
        raise BackupKeyError(
            f"This backup is encrypted (key id {encryption['key_id']}): set BACKUP_ENCRYPTION_KEY to its key."
        )
    if encryption["key_id"] != backup_crypto.key_id(key):
        raise BackupKeyError(
            f"Wrong key: this backup was encrypted with the key whose id is {encryption['key_id']}; "
            f"BACKUP_ENCRYPTION_KEY has id {backup_crypto.key_id(key)}."
        )
    with open(source / (MANIFEST + ENCRYPTED), "rb") as sealed:
        manifest = json.loads(b"".join(backup_crypto.decrypt_chunks(sealed, key)))
    # Every encrypted part must decrypt whole before anything in the database is touched.
    for name in (DB_DUMP, DB_SQLITE, MEDIA):
        path = source / (name + ENCRYPTED)
        if path.exists():
            with open(path, "rb") as sealed:
                backup_crypto.file_verify(sealed, key)
    return manifest, key


def backup_restore(source: Path, *, key: bytes | None = None) -> RestoreResult:
    """Restore a backup into the configured (empty or existing) database and MEDIA_ROOT, then verify it.

    An encrypted backup needs its key (BackupKeyError otherwise, before anything is changed); a plaintext one
    restores with or without a key configured.
    """
    manifest, key = _manifest_read(source, key)
    db = connection.settings_dict
    if manifest["vendor"] != connection.vendor:
        raise RuntimeError(f"This backup is of {manifest['vendor']}; the configured database is {connection.vendor}.")
    connection.close()
    if connection.vendor == "postgresql":
        env, args = _pg_env()
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--exit-on-error", *args]
        command += ["--dbname", db["NAME"]]
        if key is None:
            subprocess.run([*command, str(source / DB_DUMP)], check=True, env=env)  # noqa: S603 - PostgreSQL's own client
        else:
            # pg_restore reads the custom format from its standard input: the plaintext dump never touches the disk.
            process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)  # noqa: S603 - PostgreSQL's own client
            with open(source / (DB_DUMP + ENCRYPTED), "rb") as sealed:
                for chunk in backup_crypto.decrypt_chunks(sealed, key):
                    process.stdin.write(chunk)
            process.stdin.close()
            if process.wait() != 0:
                raise subprocess.CalledProcessError(process.returncode, command)
    elif key is None:
        shutil.copyfile(source / DB_SQLITE, db["NAME"])
    else:
        with open(source / (DB_SQLITE + ENCRYPTED), "rb") as sealed, open(db["NAME"], "wb") as target:
            for chunk in backup_crypto.decrypt_chunks(sealed, key):
                target.write(chunk)
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    if key is None:
        with tarfile.open(source / MEDIA, "r:gz") as archive:
            archive.extractall(media_root, filter="data")
    else:
        with (
            open(source / (MEDIA + ENCRYPTED), "rb") as sealed,
            tarfile.open(fileobj=backup_crypto.DecryptingReader(sealed, key), mode="r|gz") as archive,
        ):
            archive.extractall(media_root, filter="data")
    counts = table_counts()
    mismatches = [
        f"{table}: {expected} in the backup, {counts.get(table)} restored"
        for table, expected in manifest["tables"].items()
        if counts.get(table) != expected
    ]
    missing = sorted(set(manifest["media_files"]) - set(_media_files(media_root)))
    mismatches += [f"file missing: {name}" for name in missing]
    return RestoreResult(
        tables=len(counts), rows=sum(counts.values()), files=len(manifest["media_files"]), mismatches=mismatches
    )
