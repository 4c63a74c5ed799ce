"""The privacy guard on its third labelled batch (organisations, places, methods, dodged e-mail addresses).

The cases were written before the allowlist and the dodged-address patterns. ``FAILED_BEFORE`` records the
texts the guard got wrong at that point (22 of 92; recall 95.3 % and false alarms 8.0 % on the whole set).
``STILL_FAILING`` are the known misses after the change; they are strict expected failures, so a fix that
makes one pass must take it off the list (an unexpected pass fails the suite).

These tests use the database: the allowlist reads the platform's own region, municipality, place and
organisation names (the test database has the real regional data, see ``conftest.py``).
"""

from __future__ import annotations

import pytest

from drakentemmers.core import privacy
from drakentemmers.core.tests.privacy_cases import CLEAN_CASES, PII_CASES, Case, case_missed, evaluate
from drakentemmers.core.tests.privacy_eval_cases import EVAL_CLEAN_CASES, EVAL_PII_CASES

# Targets on the whole set (all three batches); see benchmarks/privacy_guard_eval.py for the figures.
MIN_RECALL = 0.97
MAX_FALSE_ALARM_RATE = 0.03

FAILED_BEFORE: frozenset[str] = frozenset(
    [
        # false alarms
        "Vergoeding via Zilveren Kruis of Menzis is geregeld; CZ en VGZ vergoeden ook.",
        "De William Schrikker Stichting voert de voogdij, Jeugdzorg Emmaus de begeleiding.",
        "Timon begeleidt de jonge moeder, Enver deed eerder de gezinsbehandeling.",
        "Het kind woont bij Severinus; de orthopedagoog daar vraagt om traumabehandeling.",
        "Volgens de richtlijn van Valente hoort traumabehandeling al in de opvang te starten.",
        "Stad Holland vergoedt de behandeling, net als Zilveren Kruis.",
        "Vader zat in FPC Dr. S. van Mesdag, nu in de Van der Hoeven Kliniek.",
        "De jongen woont bij Hoeve Boschoord; eerder bij Ipse de Bruggen.",
        "Moeder heeft een licht verstandelijke beperking en woont bij 's Heeren Loo.",
        "Gezin woont in Anna Paulowna, de school is in Schagen.",
        "Het gezin woont in Ane, vlak bij Hardenberg.",
        "Regio Utrecht Stad of Centraal Gelderland; moeder kan reizen.",
        "Vraag vanuit Midden-Limburg Oost en de GGD Hollands-Noorden.",
        "De jeugdregio Holland Rijnland betaalt de behandeling.",
        # misses
        "haar mail is s.bouzid apenstaartje hotmail.nl",
        "mail: n a a m @ d o m e i n . n l",
        "jasmijn[at]gmail[dot]com is haar adres",
        "mehmet79 (a) hotmail (punt) com",
        "mail: jasmijn@gmail punt com",
        "e-mail moeder: k.jansen{at}kpnmail{punt}nl",
        "bel 0 6 1 2 3 4 5 6 7 8 na schooltijd",
        "bel nul zes een twee drie vier vijf zes zeven acht",
    ]
)


# "moeder, Enver deed ...": a relation word right before a curated name keeps it a name, by design (a child
# named Enver must be found after "zoon" or "moeder"); see core/privacy/allowlist.py.
STILL_FAILING: frozenset[str] = frozenset(["Timon begeleidt de jonge moeder, Enver deed eerder de gezinsbehandeling."])


def _params(cases: tuple[Case, ...]) -> list:
    return [
        pytest.param(
            case,
            id=case.text[:60],
            marks=[pytest.mark.xfail(strict=True, reason="known miss")] if case.text in STILL_FAILING else [],
        )
        for case in cases
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("case", _params(EVAL_CLEAN_CASES))
def test_clean_text_gets_no_finding(case: Case) -> None:
    assert [(f.kind, f.text) for f in privacy.scan_text(case.text)] == []


@pytest.mark.django_db
@pytest.mark.parametrize("case", _params(EVAL_PII_CASES))
def test_identifying_items_are_found(case: Case) -> None:
    assert case_missed(case, privacy.scan_text(case.text)) == []


def test_failed_before_lists_only_cases_of_the_set() -> None:
    texts = {case.text for case in EVAL_CLEAN_CASES + EVAL_PII_CASES}
    assert FAILED_BEFORE.issubset(texts)
    assert STILL_FAILING.issubset(FAILED_BEFORE)


@pytest.mark.django_db
def test_whole_set_meets_the_targets() -> None:
    result = evaluate(privacy.scan_text, PII_CASES + EVAL_PII_CASES, CLEAN_CASES + EVAL_CLEAN_CASES)
    assert result.recall >= MIN_RECALL, result.missed
    assert result.false_alarm_rate <= MAX_FALSE_ALARM_RATE, result.clean_alarms
