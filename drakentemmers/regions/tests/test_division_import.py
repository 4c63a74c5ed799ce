"""Uploading keeps the file and changes no region; applying replaces the division all or nothing, keeps region
pks, refuses to remove regions still in use, and records the history."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.regions import services
from drakentemmers.regions.models import Municipality, Region, RegionImport, RegionImportStatus, RegionKind
from drakentemmers.regions.selectors_divisions import import_history_changes, import_preview
from drakentemmers.regions.services.division_import import DivisionFileInvalid

from .division_helpers import csv_bytes, division_from, membership

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


@pytest.fixture
def admin_user():
    return make_user(Role.ADMINISTRATOR, mfa=True)


def upload(data: bytes, user, name: str = "indeling.csv") -> RegionImport:
    return services.region_import_create(data=data, file_name=name, user=user)


def test_upload_keeps_the_parsed_file_and_changes_no_region(admin_user):
    before = membership(RegionKind.WOMENS_SHELTER)
    region_import = upload(csv_bytes("vo,VO01,Noord-Holland Noord,GM0361;GM0400,2025,GM0361"), admin_user)
    assert region_import.status == RegionImportStatus.PENDING
    assert (region_import.kind, region_import.year, region_import.row_count) == ("vo", 2025, 1)
    assert len(region_import.checksum) == 64 and region_import.uploaded_by == admin_user
    assert region_import.rows[0]["members"] == ["GM0361", "GM0400"]
    assert membership(RegionKind.WOMENS_SHELTER) == before


def test_an_invalid_upload_stores_nothing(admin_user):
    with pytest.raises(DivisionFileInvalid) as raised:
        upload(csv_bytes("vo,VO01,,GM9999,2025,"), admin_user)
    assert [str(e) for e in raised.value.parsed.errors] == [
        "Regel 2: de naam is leeg.",
        "Regel 2: onbekende gemeentecode “GM9999”.",
    ]
    assert not RegionImport.objects.exists()


def test_apply_updates_in_place_creates_removes_and_records_history(admin_user):
    alkmaar = Region.objects.get(kind=RegionKind.WOMENS_SHELTER, code="VO01")
    before = membership(RegionKind.WOMENS_SHELTER)
    region_import = upload(
        csv_bytes(
            "vo,VO01,Noord-Holland Noord,GM0361;GM0400;GM0399,2025,GM0361",
            "vo,VO99,Proefregio,GM0363,2025,",
        ),
        admin_user,
        name="vo-2025.csv",
    )
    applied = services.region_import_apply(region_import=region_import, user=admin_user)

    assert applied.status == RegionImportStatus.APPLIED and applied.applied_by == admin_user
    assert applied.applied_at is not None
    regions = {r.code: r for r in Region.objects.filter(kind=RegionKind.WOMENS_SHELTER)}
    assert set(regions) == {"VO01", "VO99"}
    assert regions["VO01"].pk == alkmaar.pk  # coordinators' grants keep pointing at the same region
    assert regions["VO01"].name == "Noord-Holland Noord"
    assert regions["VO01"].central_municipality.code == "GM0361"
    assert membership(RegionKind.WOMENS_SHELTER) == {"VO01": {"GM0361", "GM0400", "GM0399"}, "VO99": {"GM0363"}}
    assert regions["VO99"].central_municipality is None

    snapshot = {region["code"]: set(region["members"]) for region in applied.previous_snapshot}
    assert snapshot == before
    lines = {line.code: line for line in import_history_changes(applied)}
    assert lines["VO01"].status == "changed" and lines["VO01"].old_name == "Vrouwenopvangregio Alkmaar"
    assert lines["VO01"].added == ["Den Helder", "Heiloo"] and lines["VO01"].removed == []
    assert lines["VO99"].status == "added"
    assert lines["VO04"].status == "removed" and lines["VO04"].name == "Vrouwenopvangregio Amsterdam"
    assert sum(1 for line in lines.values() if line.status == "removed") == 34


def test_applying_twice_is_refused(admin_user):
    region_import = upload(division_from(RegionKind.WOMENS_SHELTER, kind="vo"), admin_user)
    services.region_import_apply(region_import=region_import, user=admin_user)
    with pytest.raises(ValidationError, match="Deze import is al toegepast"):
        services.region_import_apply(region_import=region_import, user=admin_user)


def test_a_failure_during_apply_leaves_nothing_half_applied(admin_user, monkeypatch):
    before = membership(RegionKind.GGD)
    pks = dict(Region.objects.filter(kind=RegionKind.GGD).values_list("code", "pk"))
    region_import = upload(
        csv_bytes("ggd,GG0111,Eerste,GM0014;GM0037,2025,", "ggd,GG7777,Nieuw,GM0363,2025,"), admin_user
    )

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    # The import is marked applied last, after every region was written: failing there tests the rollback.
    monkeypatch.setattr(RegionImport, "save", explode)
    with pytest.raises(RuntimeError):
        services.region_import_apply(region_import=region_import, user=admin_user)
    assert membership(RegionKind.GGD) == before
    assert dict(Region.objects.filter(kind=RegionKind.GGD).values_list("code", "pk")) == pks
    assert Region.objects.get(kind=RegionKind.GGD, code="GG0111").name != "Eerste"
    monkeypatch.undo()
    assert RegionImport.objects.get(pk=region_import.pk).status == RegionImportStatus.PENDING


def test_a_region_still_used_by_a_coordinator_is_not_removed(admin_user, region_vt):
    make_user(Role.COORDINATOR, mfa=True, region=region_vt)
    others = Region.objects.filter(kind=RegionKind.VEILIG_THUIS).exclude(pk=region_vt.pk)
    lines = [
        f"vt,{r.code},{r.name},{';'.join(m.code for m in r.municipalities.all())},2025,"
        for r in others.prefetch_related("municipalities")
    ]
    region_import = upload(csv_bytes(*lines), admin_user)
    preview = import_preview(region_import)
    assert any(f"({region_vt.code}) staat niet in het bestand" in b and "rollen: 1" in b for b in preview.blockers)
    before = membership(RegionKind.VEILIG_THUIS)
    with pytest.raises(ValidationError):
        services.region_import_apply(region_import=region_import, user=admin_user)
    assert membership(RegionKind.VEILIG_THUIS) == before
    assert RegionImport.objects.get(pk=region_import.pk).status == RegionImportStatus.PENDING


def test_a_coordinators_region_keeps_its_pk_and_gets_the_new_members(admin_user, region_vt):
    coordinator = make_user(Role.COORDINATOR, mfa=True, region=region_vt)
    region_import = upload(division_from(RegionKind.VEILIG_THUIS, kind="vt"), admin_user)
    services.region_import_apply(region_import=region_import, user=admin_user)
    assert coordinator.role_grants.get(role=Role.COORDINATOR).region_id == region_vt.pk
    assert Region.objects.filter(pk=region_vt.pk, kind=RegionKind.VEILIG_THUIS).exists()


def test_apply_checks_the_data_again(admin_user):
    region_import = upload(csv_bytes("vo,VO01,A,GM0361,2025,GM0361"), admin_user)
    Municipality.objects.filter(code="GM0361").update(is_active=False)
    with pytest.raises(ValidationError, match="Deze gemeentecodes bestaan niet meer: GM0361"):
        services.region_import_apply(region_import=region_import, user=admin_user)


def test_an_incomplete_division_of_the_reporting_unit_is_not_applied(admin_user):
    region_import = upload(csv_bytes("vt,VT01,Alleen Groningen,GM0014,2025,"), admin_user)
    before = membership(RegionKind.VEILIG_THUIS)
    with pytest.raises(ValidationError, match="Deze indeling is de rapportage-eenheid"):
        services.region_import_apply(region_import=region_import, user=admin_user)
    assert membership(RegionKind.VEILIG_THUIS) == before


def test_discard_drops_the_rows_and_cannot_be_applied(admin_user):
    region_import = upload(csv_bytes("vo,VO01,A,GM0361,2025,"), admin_user)
    services.region_import_discard(region_import=region_import)
    region_import.refresh_from_db()
    assert region_import.status == RegionImportStatus.DISCARDED and region_import.rows == []
    with pytest.raises(ValidationError):
        services.region_import_apply(region_import=region_import, user=admin_user)
