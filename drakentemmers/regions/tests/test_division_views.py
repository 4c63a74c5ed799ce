"""The region-division pages: who may open them, upload → preview → apply, errors kept on the form."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Sum
from django.test import Client
from django.urls import reverse

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import logged_in_client, make_user
from drakentemmers.regions import services
from drakentemmers.regions.models import Municipality, Region, RegionImport, RegionImportStatus, RegionKind
from drakentemmers.regions.selectors import reporting_region_kind

from .division_helpers import csv_bytes, division_from, membership

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": lambda region: None,
    "no role": lambda region: make_user(),
    "therapist": lambda region: make_user(Role.THERAPIST),
    "organisation staff": lambda region: make_user(Role.ORG_STAFF, mfa=True),
    "coordinator": lambda region: make_user(Role.COORDINATOR, mfa=True, region=region),
    "editor": lambda region: make_user(Role.EDITOR, mfa=True),
    "moderator": lambda region: make_user(Role.MODERATOR, mfa=True),
    "verifier without MFA": lambda region: make_user(Role.VERIFIER),
    "administrator without MFA": lambda region: make_user(Role.ADMINISTRATOR),
    "verifier": lambda region: make_user(Role.VERIFIER, mfa=True),
    "administrator": lambda region: make_user(Role.ADMINISTRATOR, mfa=True),
}
EXPECTED = {
    "anonymous": "login",
    "no role": 404,
    "therapist": 404,
    "organisation staff": 404,
    "coordinator": 404,
    "editor": 404,
    "moderator": 404,
    "verifier without MFA": "mfa",
    "administrator without MFA": "mfa",
    "verifier": 200,
    "administrator": 200,
}


def upload_file(data: bytes, name: str = "indeling.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


@pytest.fixture
def admin_client() -> tuple[Client, object]:
    user = make_user(Role.ADMINISTRATOR, mfa=True)
    return logged_in_client(user), user


@pytest.fixture
def pending_import() -> RegionImport:
    user = make_user(Role.VERIFIER, mfa=True)
    return services.region_import_create(data=csv_bytes("vo,VO01,A,GM0361,2025,"), file_name="a.csv", user=user)


def _assert_outcome(response, expected, url: str) -> None:
    if expected == "login":
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    elif expected == "mfa":
        assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    else:
        assert response.status_code == expected, url


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("page", ["overview", "import_upload", "import_detail", "division_export"])
def test_pages_open_only_for_the_administrator_and_verifiers_with_mfa(role, page, pending_import, region_vt):
    args = {"import_detail": [pending_import.pk], "division_export": ["vt"]}.get(page, [])
    url = reverse(f"regions:{page}", args=args)
    user = ROLES[role](region_vt)
    client = logged_in_client(user)
    _assert_outcome(client.get(url), EXPECTED[role], url)


@pytest.mark.parametrize("role", [r for r in ROLES if EXPECTED[r] != 200])
@pytest.mark.parametrize("action", ["import_apply", "import_discard"])
def test_strangers_cannot_apply_or_discard(role, action, pending_import, region_vt):
    user = ROLES[role](region_vt)
    client = logged_in_client(user)
    url = reverse(f"regions:{action}", args=[pending_import.pk])
    _assert_outcome(client.post(url), EXPECTED[role], url)
    assert RegionImport.objects.get(pk=pending_import.pk).status == RegionImportStatus.PENDING


def test_apply_and_discard_reject_get(admin_client, pending_import):
    client, _user = admin_client
    for action in ("import_apply", "import_discard"):
        assert client.get(reverse(f"regions:{action}", args=[pending_import.pk])).status_code == 405


def test_an_unknown_import_or_kind_is_404(admin_client):
    client, _user = admin_client
    assert client.get(reverse("regions:import_detail", args=[999999])).status_code == 404
    assert client.get(reverse("regions:division_export", args=["xx"])).status_code == 404


def test_upload_preview_apply_journey(admin_client, django_assert_max_num_queries):
    client, user = admin_client
    vo01 = Region.objects.get(kind=RegionKind.WOMENS_SHELTER, code="VO01")
    data = csv_bytes(
        "vo,VO01,Noord-Holland Noord,GM0361;GM0400,2025,GM0361", "vo,VO02,Flevoland,GM0034;GM0995,2025,GM0034"
    )
    response = client.post(reverse("regions:import_upload"), {"file": upload_file(data, "vo.csv")})
    region_import = RegionImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("regions:import_detail", args=[region_import.pk])
    assert membership(RegionKind.WOMENS_SHELTER)["VO01"] == {"GM0361"}  # nothing written before apply

    client.get(response["Location"])  # warm session and MFA caches
    # 8 for session, user, roles, MFA and the menu; 11 for the preview, whatever the size of the file.
    with django_assert_max_num_queries(19):
        page = client.get(response["Location"])
    html = page.content.decode()
    assert "Controleer de import: Centrumgemeenteregio vrouwenopvang (2025)" in html
    assert "4 / 342" in html and "338" in html  # covered, and municipalities in no region
    covered = Municipality.objects.filter(code__in=["GM0361", "GM0400", "GM0034", "GM0995"]).aggregate(
        n=Sum("population")
    )
    total = Municipality.objects.filter(is_active=True).aggregate(n=Sum("population"))
    percent = f"{100 * covered['n'] / total['n']:.1f}".replace(".", ",")
    assert f"{percent}%" in html and f"{covered['n']:,}".replace(",", ".") in html
    assert "2 nieuw" not in html and "0 nieuw, 2 gewijzigd, 33 verwijderd, 0 ongewijzigd." in html
    assert "Deze indeling toepassen" in html

    response = client.post(reverse("regions:import_apply", args=[region_import.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("regions:import_detail", args=[region_import.pk])
    html = response.content.decode()
    assert "De indeling is bijgewerkt." in html and "Wat er veranderde" in html
    assert membership(RegionKind.WOMENS_SHELTER) == {"VO01": {"GM0361", "GM0400"}, "VO02": {"GM0034", "GM0995"}}
    assert Region.objects.get(kind=RegionKind.WOMENS_SHELTER, code="VO01").pk == vo01.pk
    region_import.refresh_from_db()
    assert region_import.status == RegionImportStatus.APPLIED and region_import.applied_by == user

    overview = client.get(reverse("regions:overview")).content.decode()
    assert "vo.csv" in overview and region_import.checksum[:12] in overview


def test_a_file_with_errors_stays_on_the_form_with_every_problem_listed(admin_client):
    client, _user = admin_client
    data = csv_bytes("vo,VO01,,GM0361,2025,", "xx,VO02,B,GM0501,2025,")
    response = client.post(reverse("regions:import_upload"), {"file": upload_file(data)})
    assert response.status_code == 200
    html = response.content.decode()
    summary = re.search(r'<div class="dt-alert dt-alert--error" role="alert" id="error-summary".*?</div>', html, re.S)
    assert summary, html
    assert "Het bestand heeft 3 problemen:" in summary.group(0)
    assert "Regel 2: de naam is leeg." in summary.group(0)
    assert "Regel 3: onbekende soort indeling “xx”." in summary.group(0)
    assert "Regel 3: gemeente GM0501 (Brielle) bestaat niet meer: opgegaan in Voorne aan Zee (GM1992)." in html
    assert "Het bestand is niet ingelezen." in html  # at the field too
    assert 'enctype="multipart/form-data"' in html
    assert not RegionImport.objects.exists()


def test_no_file_is_an_error_on_the_form(admin_client):
    client, _user = admin_client
    response = client.post(reverse("regions:import_upload"), {})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert '<a href="#id_file">CSV-bestand met de indeling: Dit veld is verplicht.</a>' in html


def test_a_blocked_import_shows_why_and_offers_no_apply_button(admin_client, region_vt):
    client, user = admin_client
    region_import = services.region_import_create(
        data=csv_bytes("vt,VT01,Alleen Groningen,GM0014,2025,"), file_name="vt.csv", user=user
    )
    html = client.get(reverse("regions:import_detail", args=[region_import.pk])).content.decode()
    assert "Deze import kan niet worden toegepast:" in html and "Deze indeling is de rapportage-eenheid" in html
    assert "Deze indeling toepassen" not in html
    response = client.post(reverse("regions:import_apply", args=[region_import.pk]))
    assert response.status_code == 200
    assert "De import is niet toegepast; er is niets veranderd:" in response.content.decode()


def test_discard_from_the_preview(admin_client, pending_import):
    client, _user = admin_client
    response = client.post(reverse("regions:import_discard", args=[pending_import.pk]), follow=True)
    assert "De import is weggegooid; er is niets veranderd." in response.content.decode()
    assert RegionImport.objects.get(pk=pending_import.pk).status == RegionImportStatus.DISCARDED


def test_the_reporting_unit_form_refuses_an_incomplete_division_on_the_page(admin_client):
    client, _user = admin_client
    response = client.post(reverse("regions:overview"), {"kind": RegionKind.WOMENS_SHELTER})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html and "kan nog geen rapportage-eenheid zijn: 307 gemeenten" in html
    assert 'value="vo"\n' in html or 'value="vo" checked' in html or "checked" in html  # the choice is kept
    assert reporting_region_kind() == RegionKind.VEILIG_THUIS


def test_the_reporting_unit_can_be_changed_to_a_complete_division(admin_client):
    client, user = admin_client
    region_import = services.region_import_create(
        data=division_from(RegionKind.VEILIG_THUIS, kind="jz", prefix="N"), file_name="jz.csv", user=user
    )
    services.region_import_apply(region_import=region_import, user=user)
    response = client.post(reverse("regions:overview"), {"kind": RegionKind.YOUTH_CARE}, follow=True)
    assert "De rapportage-eenheid is gewijzigd." in response.content.decode()
    assert reporting_region_kind() == RegionKind.YOUTH_CARE


def test_overview_has_bounded_queries(admin_client, django_assert_max_num_queries):
    client, user = admin_client
    for _ in range(3):
        region_import = services.region_import_create(
            data=division_from(RegionKind.VEILIG_THUIS, kind="vt"), file_name="vt.csv", user=user
        )
        services.region_import_apply(region_import=region_import, user=user)
    client.get(reverse("regions:overview"))
    # 8 for session, user, roles, MFA and the menu; 11 for the page, however many imports and regions there are.
    with django_assert_max_num_queries(19):
        response = client.get(reverse("regions:overview"))
    html = response.content.decode()
    assert response.status_code == 200 and "Regio-indelingen" in html
    assert html.count("vt.csv") == 3


def test_the_export_can_be_imported_again_unchanged(admin_client):
    client, user = admin_client
    response = client.get(reverse("regions:division_export", args=["vo"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    data = response.content
    assert data.startswith("\ufeff".encode()) and b"vo;VO01;Vrouwenopvangregio Alkmaar;GM0361;2025;GM0361" in data
    region_import = services.region_import_create(data=data, file_name="export.csv", user=user)
    html = client.get(reverse("regions:import_detail", args=[region_import.pk])).content.decode()
    assert "0 nieuw, 0 gewijzigd, 0 verwijderd, 35 ongewijzigd." in html


def test_the_menu_shows_region_divisions_to_maintainers_only(region_vt):
    maintainer, therapist = make_user(Role.VERIFIER, mfa=True), make_user(Role.THERAPIST)
    for user, shown in ((maintainer, True), (therapist, False)):
        client = logged_in_client(user)
        html = client.get(reverse("core:my_home")).content.decode()
        assert (reverse("regions:overview") in html) is shown
