"""The privacy guard's allowlist: organisation, place, region and method names are not personal names."""

from __future__ import annotations

import pytest

from drakentemmers.core import privacy
from drakentemmers.core.privacy import allowlist


def _names(text: str) -> list[str]:
    return [f.text for f in privacy.scan_text(text) if f.kind == "name"]


@pytest.fixture
def fresh_allowlist(monkeypatch):
    """Re-read the sources on every scan, so a change in the database shows at once."""
    monkeypatch.setattr(allowlist, "REFRESH_SECONDS", 0.0)
    allowlist.invalidate()
    yield
    allowlist.invalidate()


def test_curated_files_have_a_source_header_and_real_content() -> None:
    for path in allowlist.CURATED_FILES:
        header = path.read_text(encoding="utf-8").split("\n\n")[0]
        assert "Sources:" in path.read_text(encoding="utf-8") and "curated by" in header.replace("\n#", "")
    terms = allowlist._read_curated()
    assert {"Zilveren Kruis", "Fier", "Kinder- en Jeugdtrauma Centrum", "TF-CBT", "Signs of Safety"} <= set(terms)


@pytest.mark.django_db
def test_matching_ignores_case_accents_hyphens_and_apostrophes() -> None:
    spans = allowlist.find_known_spans(
        "via zilveren kruis, Sint Michielsgestel, Fier Fryslan en s Heeren Loo", is_personal_name=lambda w: False
    )
    assert len(spans) == 4


@pytest.mark.django_db
def test_adjacent_terms_merge_into_one_span() -> None:
    text = "Aanmelding via Veilig Thuis Haaglanden."
    spans = allowlist.find_known_spans(text, is_personal_name=lambda w: False)
    assert [text[s:e] for s, e in spans] == ["Veilig Thuis Haaglanden"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "Moeder en kinderen zitten bij Fier in Leeuwarden.",
        "Vergoeding via Zilveren Kruis, Stad Holland of CZ.",
        "Vader zat in FPC Dr. S. van Mesdag.",
        "De jongen woont bij Ipse de Bruggen.",
        "Het gezin woont in Anna Paulowna.",  # a place from the database, "Anna" is a first name
        "Het gezin woont in Ane, vlak bij Hardenberg.",  # a one-word place that is also a first name, after "in"
        "Regio Utrecht Stad of Centraal Gelderland.",  # region names from the database
    ],
)
def test_known_names_are_not_flagged(text: str) -> None:
    assert _names(text) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jan Zwolle, de vader, woont nog in Zwolle.", "Jan Zwolle"),  # a first name next to a place word
        ("Mevrouw Zwolle is via Veilig Thuis aangemeld.", "Zwolle"),  # a title makes it a surname
        ("De familie Bergen is in de opvang gekomen.", "Bergen"),
        ("pleegvader Henk de Waag haalt het kind op bij De Waag.", "Henk de Waag"),
        ("Ane is bang in het donker.", "Ane"),  # a village name, but no place cue in front
        ("zoon Timon (7) heeft nachtmerries", "Timon"),  # a curated organisation name after a relation word
    ],
)
def test_personal_names_next_to_known_names_are_still_flagged(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.django_db
def test_verified_organisation_names_are_learnt_when_the_data_change(fresh_allowlist) -> None:
    from drakentemmers.directory.models import Organisation, OrganisationKind, VerificationStatus
    from drakentemmers.regions.models import Municipality

    text = "Doorverwezen naar Karin Wolters Zorg voor de kinderen."
    assert "Karin Wolters" in " ".join(_names(text))
    organisation = Organisation.objects.create(
        name="Karin Wolters Zorg",
        kind=OrganisationKind.YOUTH_CARE,
        contact_name="Contact",
        contact_email="info@example.org",
        municipality=Municipality.objects.first(),
    )
    assert _names(text) != [], "an unverified sign-up must not hide a name from the guard"
    organisation.status = VerificationStatus.VERIFIED
    organisation.verified_at = organisation.created_at
    organisation.save()
    assert _names(text) == []


def test_a_source_that_cannot_be_read_is_skipped(fresh_allowlist) -> None:
    def broken() -> list[str]:
        raise RuntimeError("no database")

    allowlist.register_known_terms("broken", broken, version=broken)
    try:
        assert _names("Moeder en kinderen zitten bij Fier.") == []
        assert "broken" not in allowlist.warm_up()
    finally:
        allowlist._sources.pop("broken")
        allowlist.invalidate()


def test_the_platform_sources_are_registered_by_the_apps() -> None:
    assert {"places", "organisations"} <= set(allowlist._sources)
