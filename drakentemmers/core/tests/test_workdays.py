from datetime import date

import pytest

from drakentemmers.core.workdays import (
    add_working_days,
    holiday_name,
    is_working_day,
    next_working_day,
    working_days_between,
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-04-27", False),  # Koningsdag 2026, a Monday
        ("2027-04-27", False),  # Koningsdag 2027, a Tuesday
        ("2026-12-25", False),  # Christmas Day (Friday)
        ("2026-12-26", False),  # Second Day of Christmas, also a Saturday
        ("2027-12-27", True),  # Monday after Christmas 2027, which falls on a weekend: no substitute day
        ("2026-05-14", False),  # Ascension Day
        ("2026-05-25", False),  # Whit Monday
        ("2027-03-29", False),  # Easter Monday 2027
        ("2027-01-01", False),  # New Year's Day (Friday)
        ("2026-04-28", True),  # the Tuesday after Koningsdag
        ("2026-05-05", True),  # Liberation Day is a public holiday only in lustrum years (2025, 2030)
        ("2026-03-07", False),  # a Saturday
        ("2026-03-09", True),  # an ordinary Monday
    ],
)
def test_is_working_day(day, expected):
    assert is_working_day(date.fromisoformat(day)) is expected


def test_holiday_name():
    assert holiday_name(date(2026, 4, 27)) == "King's Day"
    assert holiday_name(date(2026, 4, 28)) is None


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2026-04-24", 1, "2026-04-28"),  # Fri + 1 skips the weekend and Koningsdag
        ("2026-12-24", 1, "2026-12-28"),  # Christmas Eve + 1 skips Christmas and the weekend
        ("2026-12-24", 3, "2026-12-30"),
        ("2027-04-26", 1, "2027-04-28"),  # over Koningsdag on a Tuesday
        ("2026-05-13", 1, "2026-05-15"),  # over Ascension Day
        ("2026-03-02", 0, "2026-03-02"),
        ("2026-04-28", -1, "2026-04-24"),  # backwards over Koningsdag and the weekend
    ],
)
def test_add_working_days(start, n, expected):
    assert add_working_days(date.fromisoformat(start), n) == date.fromisoformat(expected)


def test_next_working_day():
    assert next_working_day(date(2026, 12, 25)) == date(2026, 12, 28)
    assert next_working_day(date(2026, 12, 28)) == date(2026, 12, 28)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2026-03-02", "2026-03-02", 0),
        ("2026-03-06", "2026-03-09", 1),  # Fri → Mon: the weekend does not count
        ("2026-04-24", "2026-04-28", 1),  # Koningsdag does not count either
        ("2026-04-23", "2026-04-29", 3),
        ("2026-12-23", "2027-01-04", 6),  # 24, 28, 29, 30, 31 Dec and 4 Jan
        ("2026-03-09", "2026-03-02", 0),
    ],
)
def test_working_days_between(start, end, expected):
    assert working_days_between(date.fromisoformat(start), date.fromisoformat(end)) == expected
