"""Working days in the Netherlands: Monday to Friday, except Dutch public holidays.

The holidays are those of `holidays.Netherlands` (New Year's Day, Good Friday, Easter, King's Day,
Liberation Day in lustrum years, Ascension Day, Whitsun and Christmas), computed per year, so no list
needs yearly upkeep. Reminder schedules and "after N working days" rules use these helpers.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.Netherlands(years=year)


def holiday_name(day: date) -> str | None:
    """The (English) name of the Dutch public holiday on ``day``, or None."""
    return _holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(day: date, n: int) -> date:
    """The date ``n`` working days after ``day`` (before it for negative ``n``); ``day`` itself never counts."""
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def next_working_day(day: date) -> date:
    """``day`` itself when it is a working day, otherwise the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not after ``start``)."""
    if end <= start:
        return 0
    return sum(1 for offset in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=offset)))
