"""Tests for the privacy guard (no database needed).

Regex detectors are tested without the Deduce model; name detection and the labelled-set metrics load the
model once per test session (a few seconds from the lookup cache).
"""

from __future__ import annotations

import itertools

import pytest

from drakentemmers.core import privacy
from drakentemmers.core.privacy import model as model_module
from drakentemmers.core.privacy import patterns
from drakentemmers.core.tests.privacy_cases import CLEAN_CASES, PII_CASES, evaluate

# Measured with benchmarks/privacy_guard.py; the test allows a small margin below the measured recall.
MIN_RECALL = 0.95
MAX_FALSE_ALARM_RATE = 0.05


def _kinds(detector, text: str) -> list[tuple[str, str]]:
    return [(c.kind, text[c.start : c.end]) for c in detector(text)]


# --- BSN -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["123456782", "111222333", "023456723", "23456723"])
def test_bsn_eleven_proof_valid(value: str) -> None:
    assert patterns.is_valid_bsn(value)


@pytest.mark.parametrize("value", ["123456789", "000000000", "12345678", "1234567820", "12345678a", ""])
def test_bsn_eleven_proof_invalid(value: str) -> None:
    assert not patterns.is_valid_bsn(value)


@pytest.mark.parametrize(
    "text", ["123456782", "bsn 1234.56.782", "123 456 782", "BSN: 12.34.56.782", "nr 123-456-782", "(111222333)"]
)
def test_contains_valid_bsn_any_formatting(text: str) -> None:
    assert privacy.contains_valid_bsn(text)


@pytest.mark.parametrize(
    "text",
    [
        "123456789",  # fails the 11-proof
        "1234567820",  # ten digits
        "0612345678",  # phone number
        "12-03-2015",  # a date, even if its digits happened to pass
        "bedrag € 1.234.567,82",
        "kind van 7 jaar",
    ],
)
def test_contains_valid_bsn_rejects(text: str) -> None:
    assert not privacy.contains_valid_bsn(text)


# --- IBAN ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "nl20ingb0001234567", "BE68539007547034"]
)
def test_iban_mod97_valid(value: str) -> None:
    assert patterns.is_valid_iban(value)


@pytest.mark.parametrize("value", ["NL92ABNA0417164300", "NL91ABNA041716430", "BE68539007547035", "XX00"])
def test_iban_mod97_invalid(value: str) -> None:
    assert not patterns.is_valid_iban(value)


def test_iban_foreign_invalid_checksum_not_flagged() -> None:
    assert _kinds(patterns.find_iban, "ref BE68539007547035") == []


# --- phone, e-mail, social -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["06-12345678", "06 1234 5678", "+31 6 12345678", "0031612345678", "020-1234567", "010 123 45 67", "0612345678"],
)
def test_phone_formats(text: str) -> None:
    assert _kinds(patterns.find_phone, f"bel {text} graag") == [("phone", text)]


@pytest.mark.parametrize("text", ["0800-2000", "12-03-2015", "2023-2024", "0-4 jaar", "123456782"])
def test_phone_negatives(text: str) -> None:
    assert _kinds(patterns.find_phone, text) == []


def test_email_and_handles() -> None:
    text = "mail a.b@gmail.com, insta: lina.b2010 en @jasmijn_2009"
    found = _kinds(patterns.find_email, text) + _kinds(patterns.find_social_handle, text)
    assert ("email", "a.b@gmail.com") in found
    assert ("social_handle", "lina.b2010") in found
    assert ("social_handle", "@jasmijn_2009") in found
    assert ("social_handle", "@gmail.com") not in found


def test_social_profile_url() -> None:
    assert _kinds(patterns.find_url, "zie https://www.instagram.com/jasmijn_2009/.") == [
        ("url", "https://www.instagram.com/jasmijn_2009/")
    ]
    assert _kinds(patterns.find_url, "zie www.veiligthuis.nl") == []


# --- addresses, postcodes, dates, numbers, plates ------------------------------------------------------


@pytest.mark.parametrize("text", ["Kerkstraat 12", "kerkstraat 12a", "Laan van Meerdervoort 45-2", "Dorpsweg 3"])
def test_address(text: str) -> None:
    assert [k for k, _ in _kinds(patterns.find_address, f"woont {text}, Utrecht")] == ["address"]


@pytest.mark.parametrize("text", ["week 12", "groep 8", "Kerkstraat", "fase 2", "de weg 3 keer"])
def test_address_negatives(text: str) -> None:
    assert _kinds(patterns.find_address, text) == []


@pytest.mark.parametrize("text", ["1234 AB", "1234AB", "1234ab"])
def test_postcode(text: str) -> None:
    assert set(_kinds(patterns.find_postcode, f"pc {text}")) == {("postcode", text)}


@pytest.mark.parametrize("text", ["in 2025 en 2026", "2024 VT-melding", "1000 mg", "0-4 jaar"])
def test_postcode_negatives(text: str) -> None:
    assert _kinds(patterns.find_postcode, text) == []


@pytest.mark.parametrize(
    "text", ["geb. 12-03-2015", "geboren 3 maart 2015", "geboortedatum 12/3/2015", "DOB 2015-03-12", "kind 12-03-2015"]
)
def test_birthdate(text: str) -> None:
    assert [k for k, _ in _kinds(patterns.find_birthdate, text)] == ["birthdate"]


@pytest.mark.parametrize(
    "text",
    ["afspraak op 12 maart", "vanaf 1 december", "start januari 2027", "intake op 12-03-2015", "sinds maart 2025"],
)
def test_birthdate_negatives(text: str) -> None:
    assert _kinds(patterns.find_birthdate, text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("dossiernummer 2024-1234", "2024-1234"),
        ("cliëntnr. 88123", "88123"),
        ("ons kenmerk VT-2023-00123", "VT-2023-00123"),
    ],
)
def test_file_number(text: str, value: str) -> None:
    assert ("file_number", value) in _kinds(patterns.find_file_number, text)


def test_file_number_negatives() -> None:
    assert _kinds(patterns.find_file_number, "in de periode 2020-2023, groep 8, nummer 3") == []


@pytest.mark.parametrize("plate", ["12-ABC-3", "AB-123-C", "1-ABC-23", "xr-56-tp", "GV-123-X"])
def test_licence_plate(plate: str) -> None:
    assert _kinds(patterns.find_licence_plate, f"auto {plate} gezien") == [("licence_plate", plate)]


def test_licence_plate_negatives() -> None:
    assert _kinds(patterns.find_licence_plate, "TF-CBT, 0-4 jaar, 12-03-2015, MDA++") == []


# --- scan_text / highlight (use the model) ---------------------------------------------------------


def test_scan_text_names_and_structure() -> None:
    text = "Moeder (mevrouw De Boer) en haar dochter lina (7), tel 06-12345678."
    findings = privacy.scan_text(text)
    assert [(f.kind, f.text) for f in findings] == [
        ("name", "De Boer"),
        ("name", "lina"),
        ("phone", "06-12345678"),
    ]
    assert all(text[f.start : f.end] == f.text for f in findings)
    assert findings == sorted(findings, key=lambda f: f.start)
    assert all(a.end <= b.start for a, b in itertools.pairwise(findings))


@pytest.mark.parametrize(
    "text",
    [
        "Kind van 7 jaar in Zuid-Limburg, EMDR of TF-CBT via Veilig Thuis.",
        "Methode Wagner, Van der Kolk en Bowlby; moeder is Eritrese en spreekt Tigrinya.",
        "Afspraak op 12 maart met de GZ-psycholoog, start januari 2027.",
    ],
)
def test_scan_text_clean(text: str) -> None:
    assert privacy.scan_text(text) == []


def test_scan_text_empty() -> None:
    assert privacy.scan_text("") == []
    assert privacy.scan_text("   ") == []


def test_highlight_escapes_and_marks() -> None:
    text = "<b>mw. Jansen</b> & 06-12345678"
    findings = [
        privacy.Finding("name", 7, 13, "Jansen", "name"),
        privacy.Finding("phone", 20, 31, "06-12345678", "phone number"),
    ]
    html = privacy.highlight(text, findings)
    assert html.startswith("&lt;b&gt;mw. ")
    assert '<mark class="privacy-mark" data-kind="name" title="name">Jansen</mark>' in html
    assert '<mark class="privacy-mark" data-kind="phone" title="phone number">06-12345678</mark>' in html
    assert "&amp;" in html and "<b>" not in html


def test_finding_rejects_unknown_kind() -> None:
    with pytest.raises(ValueError):
        privacy.Finding("shoe_size", 0, 1, "x", "x")


def test_model_is_loaded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    real = model_module.get_model()
    calls: list[int] = []

    def fake_build() -> model_module.Model:
        calls.append(1)
        return real

    monkeypatch.setattr(model_module, "_model", None)
    monkeypatch.setattr(model_module, "build_model", fake_build)
    privacy.scan_text("zoon Mohammed woont bij moeder")
    privacy.scan_text("dochter lina (7)")
    assert calls == [1]


def test_labelled_set_recall_and_false_alarms() -> None:
    assert len(PII_CASES) >= 75 and len(CLEAN_CASES) >= 75
    result = evaluate(privacy.scan_text)
    assert set(result.per_kind_total) == set(privacy.KIND_LABELS)
    assert result.recall >= MIN_RECALL, result.missed
    assert result.false_alarm_rate <= MAX_FALSE_ALARM_RATE, result.clean_alarms
    for kind in result.per_kind_total:
        assert result.recall_for(kind) >= 0.75, (kind, result.missed)


# --- addresses and numbers typed to dodge a filter ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "naam [at] domein.nl",
        "naam (at) domein punt nl",
        "naam apenstaartje domein.nl",
        "n a a m @ d o m e i n . n l",
        "naam at domein dot com",
        "naam{at}domein{punt}nl",
    ],
)
def test_dodged_email(text: str) -> None:
    assert [k for k, _ in _kinds(patterns.find_email, f"mail {text} graag")] != []


@pytest.mark.parametrize(
    "text",
    [
        "Het kind (a) en het kind (b) zijn 4 en 7.",
        "Ze is at risk voor PTSS, zie punt 3.",
        "Op dit punt nl. beleid volgen.",
        "Kijk op www.veiligthuis.nl of bel 0800-2000.",
    ],
)
def test_dodged_email_negatives(text: str) -> None:
    assert _kinds(patterns.find_email, text) == []


@pytest.mark.parametrize("text", ["0 6 1 2 3 4 5 6 7 8", "nul zes een twee drie vier vijf zes zeven acht"])
def test_dodged_phone(text: str) -> None:
    assert _kinds(patterns.find_phone, f"bel {text} na vijven") == [("phone", text)]


def test_dodged_phone_negatives() -> None:
    assert _kinds(patterns.find_phone, "kinderen van 0 1 2 en 3 jaar, nul of een keer per week") == []
