"""Backups encrypted at rest (ASVS 6.1.1, 8.1.6): AES-256-GCM in chunks with BACKUP_ENCRYPTION_KEY.

The stream format refuses a wrong key, an altered, reordered or cut-off file; a backup made with a key holds no
plaintext and restores into an empty database with the same key; with a wrong key or none it is refused with a clear
message before the database is touched.
"""

import io
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from drakentemmers.core import backup_crypto
from drakentemmers.core.backup_crypto import BackupKeyError, EncryptingWriter, decrypt_chunks, key_generate, key_parse
from drakentemmers.core.backups import MANIFEST, backup_create

ROOT = Path(__file__).resolve().parents[3]
KEY = key_parse(key_generate())


def _sealed(plain: bytes, key: bytes = KEY, chunk_size: int = 64) -> bytes:
    out = io.BytesIO()
    writer = EncryptingWriter(out, key, chunk_size=chunk_size)
    for start in range(0, len(plain), 50):  # writes that do not line up with the chunks
        writer.write(plain[start : start + 50])
    writer.close()
    return out.getvalue()


def _open(data: bytes) -> bytes:
    return b"".join(decrypt_chunks(io.BytesIO(data), KEY))


@pytest.mark.parametrize("size", [0, 1, 64, 65, 1000])
def test_the_stream_round_trips_over_many_chunks(size):
    plain = os.urandom(size)
    sealed = _sealed(plain)
    assert _open(sealed) == plain
    if size >= 16:
        assert plain[:16] not in sealed


def test_a_wrong_key_is_refused_with_a_clear_message():
    sealed = _sealed(b"hulpvraag van een client" * 20)
    other = key_parse(key_generate())
    with pytest.raises(BackupKeyError, match="Wrong key"):
        b"".join(decrypt_chunks(io.BytesIO(sealed), other))


def test_an_altered_a_cut_off_and_a_reordered_file_are_refused():
    plain = os.urandom(300)
    sealed = _sealed(plain)
    flipped = bytearray(sealed)
    flipped[-5] ^= 1
    with pytest.raises(BackupKeyError, match="integrity"):
        _open(bytes(flipped))
    record = 4 + 64 + 16  # one full chunk on disk
    header = len(backup_crypto.MAGIC) + 16
    with pytest.raises(BackupKeyError, match="too early"):
        _open(sealed[: header + 2 * record])  # whole chunks, but the last one is missing
    swapped = sealed[:header] + sealed[header + record : header + 2 * record] + sealed[header : header + record]
    with pytest.raises(BackupKeyError, match="integrity"):
        _open(swapped + sealed[header + 2 * record :])
    with pytest.raises(BackupKeyError, match="after its last chunk"):
        _open(sealed + b"x")


def test_a_malformed_key_is_refused():
    for value in ("kort", key_generate()[:20], "!!!"):
        with pytest.raises(BackupKeyError):
            key_parse(value)


def _restore(backup: Path, database: str, media: Path, key: str | None) -> subprocess.CompletedProcess:
    db = connection.settings_dict
    server = f"{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    env = {**os.environ, "DATABASE_URL": f"postgres://{server}/{database}", "MEDIA_ROOT": str(media)}
    env.pop("BACKUP_ENCRYPTION_KEY", None)
    if key is not None:
        env["BACKUP_ENCRYPTION_KEY"] = key
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "restore", str(backup), "--yes"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.xdist_group("subprocess-servers")
@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump/pg_restore")
def test_an_encrypted_backup_holds_no_plaintext_and_restores_only_with_its_key(tmp_path, settings):
    from django.core.files.base import ContentFile

    from drakentemmers.directory.tests.factories import TherapistProfileFactory
    from drakentemmers.regions.services import regions_load

    regions_load()
    settings.MEDIA_ROOT = tmp_path / "media"
    therapist = TherapistProfileFactory(user__first_name="Versleuteld", user__last_name="Hersteld")
    therapist.photo.save("versleuteld.jpg", ContentFile(b"\xff\xd8\xff geheime foto"), save=True)
    key_text = key_generate()
    backup = backup_create(tmp_path / "backups", key=key_parse(key_text))

    names = {p.name for p in backup.iterdir()}
    assert names == {MANIFEST, "manifest.json.enc", "database.dump.enc", "media.tar.gz.enc"}
    for part in backup.iterdir():
        content = part.read_bytes()
        assert b"Hersteld" not in content and b"versleuteld" not in content and b"geheime foto" not in content
        if part.name != MANIFEST:
            assert part.stat().st_mode & 0o077 == 0  # only the owner reads it

    db = connection.settings_dict
    admin = (
        f"host={db['HOST'] or '127.0.0.1'} port={db['PORT'] or 5432} user={db['USER'] or 'postgres'} dbname=postgres"
    )
    empty = f"restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as pg:
        pg.execute(f'CREATE DATABASE "{empty}"')
    try:
        media = tmp_path / "restored-media"
        for key, message in ((None, "set BACKUP_ENCRYPTION_KEY"), (key_generate(), "Wrong key")):
            refused = _restore(backup, empty, media, key)
            assert refused.returncode != 0 and message in refused.stderr and "Not restored" in refused.stderr
            with psycopg.connect(admin.replace("dbname=postgres", f"dbname={empty}")) as untouched:
                tables = untouched.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
                assert tables == (0,)

        result = _restore(backup, empty, media, key_text)
        assert result.returncode == 0, result.stderr
        assert "Every table and file matches the backup's manifest." in result.stdout
        assert (media / therapist.photo.name).read_bytes() == b"\xff\xd8\xff geheime foto"
        with psycopg.connect(admin.replace("dbname=postgres", f"dbname={empty}")) as restored:
            rows = restored.execute("SELECT first_name FROM accounts_user WHERE last_name = 'Hersteld'").fetchall()
            assert rows == [("Versleuteld",)]
    finally:
        with psycopg.connect(admin, autocommit=True) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{empty}" WITH (FORCE)')
