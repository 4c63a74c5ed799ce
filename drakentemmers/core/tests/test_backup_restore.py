"""`manage.py backup` and `manage.py restore`: restored into an empty database, every row and uploaded file is back."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.db import connection

from drakentemmers.core.backups import MANIFEST, backup_create, table_counts
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.matching.models import RequestStatus
from drakentemmers.matching.tests.factories import care_request, org_staff

ROOT = Path(__file__).resolve().parents[3]
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("subprocess-servers")]


def _some_records():
    from drakentemmers.regions.services import regions_load

    regions_load()  # a transactional test before this one may have flushed the regional data the session loaded
    therapist = TherapistProfileFactory(user__first_name="Rosa", user__last_name="Hersteld")
    therapist.photo.save("rosa.jpg", ContentFile(b"\xff\xd8\xff a photo"), save=True)
    care_request(staff=org_staff(), status=RequestStatus.OPEN, title="Herstelde hulpvraag")
    return therapist


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump/pg_restore; SQLite has its own test below")
def test_a_backup_restores_into_an_empty_database_with_every_record_and_file(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    therapist = _some_records()
    before = table_counts()
    backup = backup_create(tmp_path / "backups")
    assert {"database.dump", "media.tar.gz", MANIFEST} <= {p.name for p in backup.iterdir()}

    db = connection.settings_dict
    empty = f"restore_{uuid.uuid4().hex[:8]}"
    admin = (
        f"host={db['HOST'] or '127.0.0.1'} port={db['PORT'] or 5432} user={db['USER'] or 'postgres'} dbname=postgres"
    )
    with psycopg.connect(admin, autocommit=True) as pg:
        pg.execute(f'CREATE DATABASE "{empty}"')
    try:
        server = f"{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://{server}/{empty}",
            "MEDIA_ROOT": str(tmp_path / "restored-media"),
        }
        result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, "manage.py", "restore", str(backup), "--yes"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        assert "Every table and file matches the backup's manifest." in result.stdout
        assert (tmp_path / "restored-media" / therapist.photo.name).read_bytes() == b"\xff\xd8\xff a photo"
        with psycopg.connect(admin.replace("dbname=postgres", f"dbname={empty}")) as restored:
            names = restored.execute("SELECT first_name, last_name FROM accounts_user WHERE last_name = 'Hersteld'")
            assert names.fetchall() == [("Rosa", "Hersteld")]
            rows = sum(restored.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in before)  # noqa: S608
            assert rows == sum(before.values())

        # A backup that holds less than its manifest promises never reports success.
        manifest = json.loads((backup / MANIFEST).read_text())
        manifest["media_files"].append("therapists/lost.jpg")
        (backup / MANIFEST).write_text(json.dumps(manifest))
        again = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, "manage.py", "restore", str(backup), "--yes"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert again.returncode != 0 and "file missing: therapists/lost.jpg" in again.stderr
    finally:
        with psycopg.connect(admin, autocommit=True) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{empty}" WITH (FORCE)')
