"""Parsing and checking an uploaded region division: every problem named, in Dutch, with its line number."""

import pytest
from django.utils import translation

from drakentemmers.regions.division_csv import MAX_UPLOAD_BYTES, Successor, parse_division_csv

MUNICIPALITIES = {"GM0363": "Amsterdam", "GM0437": "Ouder-Amstel", "GM0362": "Amstelveen", "GM0599": "Rotterdam"}
SUCCESSORS = {"GM0457": Successor("GM0457", "Weesp", "GM0363", "Amsterdam")}
HEADER = "kind,code,name,members,year,central\n"


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


def parse(text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_division_csv(data, municipalities=MUNICIPALITIES, year=2025, successors=SUCCESSORS)


def messages(result) -> list[str]:
    return [str(error) for error in result.errors]


def test_a_valid_file_gives_rows_with_normalised_codes():
    result = parse(
        HEADER + 'vo,vo01,Regio  Amsterdam,"GM0363;gm0437, 362",2025,GM0363\nvo,VO02,Rotterdam,GM0599,2025,\n'
    )
    assert result.is_valid, messages(result)
    assert result.kind == "vo" and result.year == 2025
    assert result.rows == [
        {
            "line": 2,
            "kind": "vo",
            "code": "VO01",
            "name": "Regio Amsterdam",
            "year": 2025,
            "members": ["GM0363", "GM0437", "GM0362"],
            "central": "GM0363",
        },
        {
            "line": 3,
            "kind": "vo",
            "code": "VO02",
            "name": "Rotterdam",
            "year": 2025,
            "members": ["GM0599"],
            "central": "",
        },
    ]


def test_semicolon_files_with_dutch_headers_and_a_byte_order_mark_are_read():
    text = "\ufeffSoort;Code;Naam;Gemeenten;Jaar\nvt;VT13;Amsterdam-Amstelland;GM0363,GM0437;2025\n"
    result = parse(text)
    assert result.is_valid, messages(result)
    assert result.rows[0]["members"] == ["GM0363", "GM0437"]
    assert result.rows[0]["central"] == ""


def test_blank_lines_are_skipped_and_line_numbers_stay_true():
    result = parse(HEADER + "\nvo,VO01,A,GM0363,2025,\n,,,,,\nvo,VO02,,GM0599,2025,\n")
    assert messages(result) == ["Regel 5: de naam is leeg."]


def test_a_quoted_name_over_two_lines_keeps_later_line_numbers():
    result = parse(HEADER + 'vo,VO01,"Regio\nAmsterdam",GM0363,2025,\nvo,VO02,B,GM9999,2025,\n')
    assert messages(result) == ["Regel 4: onbekende gemeentecode “GM9999”."]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("xx,VO01,A,GM0363,2025,", "Regel 2: onbekende soort indeling “xx”. Gebruik een van: ghnt"),
        (",VO01,A,GM0363,2025,", "Regel 2: onbekende soort indeling “”."),
        ("vo,,A,GM0363,2025,", "Regel 2: de regiocode is leeg."),
        ("vo,VO0000000000000001,A,GM0363,2025,", "Regel 2: de regiocode is langer dan 16 tekens."),
        ("vo,VO01,,GM0363,2025,", "Regel 2: de naam is leeg."),
        ("vo,VO01," + "x" * 101 + ",GM0363,2025,", "Regel 2: de naam is langer dan 100 tekens."),
        ("vo,VO01,A,GM9999,2025,", "Regel 2: onbekende gemeentecode “GM9999”."),
        ("vo,VO01,A,Amsterdam,2025,", "Regel 2: onbekende gemeentecode “AMSTERDAM”."),
        (
            "vo,VO01,A,GM0457,2025,",
            "Regel 2: gemeente GM0457 (Weesp) bestaat niet meer: opgegaan in Amsterdam (GM0363). Gebruik GM0363.",
        ),
        ("vo,VO01,A,GM0363;GM0363,2025,", "Regel 2: gemeente GM0363 (Amsterdam) staat er twee keer in."),
        ("vo,VO01,A,,2025,", "Regel 2: er zijn geen gemeenten opgegeven."),
        ("vo,VO01,A,GM0363,2022,", "Regel 2: jaar 2022 past niet bij de gemeentelijke indeling van 2025"),
        ("vo,VO01,A,GM0363,twintig,", "Regel 2: het jaar “twintig” is geen jaartal."),
        ("vo,VO01,A,GM0363,2025,GM0599", "Regel 2: de centrumgemeente GM0599 (Rotterdam) hoort niet bij"),
        ("vo,VO01,A,GM0363,2025,GM9998", "Regel 2: onbekende gemeentecode “GM9998”."),
        ("vo,VO01,A", "Regel 2: 3 velden waar er 6 werden verwacht. Controleer het scheidingsteken"),
    ],
)
def test_each_problem_is_reported_with_its_line(line, expected):
    result = parse(HEADER + line + "\n")
    assert not result.is_valid and result.rows == []
    assert any(message.startswith(expected) for message in messages(result)), messages(result)


def test_a_duplicate_region_code_names_both_lines():
    result = parse(HEADER + "vo,VO01,A,GM0363,2025,\nvo,VO02,B,GM0599,2025,\nvo,vo01,C,GM0437,2025,\n")
    assert messages(result) == ["Regel 4: regiocode VO01 staat ook al op regel 2."]


def test_a_file_holds_one_kind():
    result = parse(HEADER + "vo,VO01,A,GM0363,2025,\nvt,VT01,B,GM0599,2025,\n")
    assert messages(result) == [
        "Regel 3: soort “vt” wijkt af van “vo” op de eerste regioregel; een bestand bevat één indeling."
    ]


def test_every_problem_of_the_file_is_reported_not_only_the_first():
    result = parse(HEADER + "vo,VO01,,GM9999,2025,\nvo,VO02,B,GM0599,2024,\n")
    assert messages(result) == [
        "Regel 2: de naam is leeg.",
        "Regel 2: onbekende gemeentecode “GM9999”.",
        "Regel 3: jaar 2024 past niet bij de gemeentelijke indeling van 2025 die het platform gebruikt. "
        "Gebruik de gemeentecodes van 2025 en vul 2025 in als jaar.",
    ]


def test_a_header_without_the_columns_or_with_another_delimiter_is_refused_on_line_1():
    result = parse("kind|code|name|members|year\nvo|VO01|A|GM0363|2025\n")
    assert len(result.errors) == 1
    assert messages(result)[0].startswith("Regel 1: de eerste regel moet de kolommen kind, code, name, members en year")


def test_a_header_missing_a_column_is_refused():
    result = parse("kind,code,name,year\nvo,VO01,A,2025\n")
    assert messages(result)[0].startswith("Regel 1: ")


def test_a_file_that_is_not_utf8_names_the_line_and_what_to_do():
    data = (HEADER + "vo,VO01,A,GM0363,2025,\nvo,VO02,Súdwest,GM0599,2025,\n").encode("cp1252")
    result = parse(data)
    assert messages(result) == [
        "Het bestand is niet in UTF-8 opgeslagen (eerste onleesbare teken op regel 3). "
        "Kies in Excel ‘Opslaan als’ en dan ‘CSV UTF-8 (door komma’s gescheiden)’."
    ]


def test_a_spreadsheet_file_is_recognised():
    result = parse(b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 50)
    assert messages(result)[0].startswith("Dit is geen CSV-tekstbestand")


def test_a_file_that_is_too_large_is_refused_before_reading():
    result = parse(b"x" * (MAX_UPLOAD_BYTES + 1))
    assert messages(result) == ["Het bestand is te groot (1001 kB); er wordt hoogstens 1000 kB geaccepteerd."]


def test_an_empty_file_and_a_file_with_only_a_header_are_refused():
    assert messages(parse("")) == ["Het bestand is leeg."]
    assert messages(parse(HEADER)) == ["Het bestand heeft een kopregel maar geen regio's."]
