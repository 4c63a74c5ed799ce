"""Matching's part of "what waits for me" (core.waiting): answers due, acceptances to confirm, silent invitees."""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from drakentemmers.core.waiting import WaitingItem

from .models import Candidacy
from .permissions import ANSWERED_STATUSES, invitations_to_answer, staff_open_candidacies


def _request_or_list(rows: list[Candidacy], list_url: str) -> str:
    """One request concerned: straight to it; several: to the overview."""
    requests = {row.care_request_id for row in rows}
    return reverse("matching:request_detail", args=[requests.pop()]) if len(requests) == 1 else list_url


def _day(value) -> str:
    return formats.date_format(value, "j N Y")


def _staff_items(user) -> list[WaitingItem]:
    rows = staff_open_candidacies(user)
    if not rows:
        return []
    list_url = reverse("matching:request_list")
    items = []
    answered = [row for row in rows if row.status in ANSWERED_STATUSES]
    if answered:
        n = len(answered)
        items.append(
            WaitingItem(
                label=ngettext(
                    "%(n)d therapist is willing to take on your request: confirm the match or decline",
                    "%(n)d therapists are willing to take on your requests: confirm a match or decline",
                    n,
                )
                % {"n": n},
                url=_request_or_list(answered, list_url),
            )
        )
    overdue = [row for row in rows if row.is_overdue]
    if overdue:
        n = len(overdue)
        first_due = min(row.answer_deadline for row in overdue)
        items.append(
            WaitingItem(
                label=ngettext(
                    "%(n)d invited therapist has not answered in time",
                    "%(n)d invited therapists have not answered in time",
                    n,
                )
                % {"n": n},
                url=_request_or_list(overdue, list_url),
                detail=_("An answer was asked for by %(day)s. Invite another therapist as well.")
                % {"day": _day(first_due)},
                urgent=True,
            )
        )
    return items


def _therapist_items(user) -> list[WaitingItem]:
    rows = invitations_to_answer(user)
    if not rows:
        return []
    n = len(rows)
    overdue = [row for row in rows if row.is_overdue]
    first_due = min(row.answer_deadline for row in rows)
    if overdue:
        detail = ngettext(
            "%(n)d is past its answer date (%(day)s). The organisation is waiting.",
            "%(n)d are past their answer date (the first: %(day)s). The organisations are waiting.",
            len(overdue),
        ) % {"n": len(overdue), "day": _day(first_due)}
    else:
        detail = _("Please answer by %(day)s, also when you cannot take it on.") % {"day": _day(first_due)}
    return [
        WaitingItem(
            label=ngettext("%(n)d invitation waits for your answer", "%(n)d invitations wait for your answer", n)
            % {"n": n},
            url=_request_or_list(rows, reverse("matching:inbox")),
            detail=detail,
            urgent=bool(overdue),
        )
    ]


def waiting_items(user) -> list[WaitingItem]:
    # The same rows as the menu's counts (read once per request, matching.permissions).
    return _staff_items(user) + _therapist_items(user)


def invitations_to_answer_label(n: int) -> str:
    return ngettext("%(n)d invitation to answer", "%(n)d invitations to answer", n) % {"n": n}


def answers_to_confirm_label(n: int) -> str:
    return ngettext("%(n)d answer to confirm", "%(n)d answers to confirm", n) % {"n": n}
