"""The platform team imports a region division: a file with mistakes is refused with every line named, the
corrected file is previewed with its coverage, and applying it updates the division. axe checks each page."""

import re

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import enable_totp, make_user
from drakentemmers.regions.models import Region, RegionImport, RegionImportStatus
from e2e.conftest import check, log_in

HEADER = "kind,code,name,members,year,central"


def test_upload_preview_apply(page, tmp_path):
    verifier = make_user(Role.VERIFIER, first_name="Noor", last_name="Visser")
    log_in(page, verifier.email, enable_totp(verifier))
    page.get_by_role("link", name="Regio-indelingen").first.click()
    page.wait_for_url(re.compile(r"/beheer/regio-indelingen/$"))
    check(page, "regions-overview")

    page.get_by_role("link", name="Indeling importeren").click()
    wrong = tmp_path / "vrouwenopvang-fout.csv"
    wrong.write_text(f"{HEADER}\nvo,VO01,,GM0361;GM0501,2025,GM0361\n", encoding="utf-8")
    page.get_by_label("CSV-bestand met de indeling").set_input_files(str(wrong))
    page.get_by_role("button", name="Bestand controleren").click()
    summary = page.locator("#error-summary")
    assert "Het bestand heeft 2 problemen:" in summary.inner_text()
    assert "Regel 2: de naam is leeg." in summary.inner_text()
    assert "Regel 2: gemeente GM0501 (Brielle) bestaat niet meer" in summary.inner_text()
    check(page, "regions-upload-errors")

    right = tmp_path / "vrouwenopvang.csv"
    right.write_text(
        f"{HEADER}\n"
        "vo,VO01,Noord-Holland Noord,GM0361;GM0400;GM0399,2025,GM0361\n"
        "vo,VO04,Amsterdam-Amstelland,GM0363,2025,GM0363\n"
        "vo,VO99,Proefregio,GM0014;GM0363,2025,\n",
        encoding="utf-8",
    )
    page.get_by_label("CSV-bestand met de indeling").set_input_files(str(right))
    page.get_by_role("button", name="Bestand controleren").click()
    page.wait_for_url(re.compile(r"/beheer/regio-indelingen/importeren/\d+/$"))
    main = page.locator("main").inner_text()
    assert "Controleer de import" in main
    assert "1 nieuw, 2 gewijzigd, 33 verwijderd, 0 ongewijzigd." in main
    assert "Amsterdam (GM0363): Amsterdam-Amstelland, Proefregio" in main  # in two regions
    assert "7,5%" in main and "1.316.845 van 17.472.870" in main  # population covered
    assert not Region.objects.filter(code="VO99").exists()  # nothing written yet
    check(page, "regions-preview")

    page.get_by_role("button", name="Deze indeling toepassen").click()
    page.get_by_text("De indeling is bijgewerkt.").wait_for()
    assert RegionImport.objects.get().status == RegionImportStatus.APPLIED
    assert set(Region.objects.get(code="VO01").municipalities.values_list("code", flat=True)) == {
        "GM0361",
        "GM0400",
        "GM0399",
    }
    check(page, "regions-applied")

    page.get_by_role("link", name="Terug naar regio-indelingen").click()
    assert "vrouwenopvang.csv" in page.locator("main").inner_text()
