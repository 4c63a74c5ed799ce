"""Writes and side effects of the matching app, split by sub-domain; import from here."""

from drakentemmers.core.privacy.guard import (
    PrivacyReport,
    privacy_assert_no_bsn,
    privacy_assert_storable,
    privacy_report,
)

from .candidacies import (
    candidacies_create,
    candidacy_accept,
    candidacy_decline,
    candidacy_offer,
    match_confirm,
    offer_decline,
)
from .handover import handover_next_steps_set
from .messages import message_send
from .requests import (
    care_request_close,
    care_request_create,
    care_request_expire,
    care_request_keep_open,
    care_request_publish,
    care_request_start_treatment,
    care_request_update,
    care_request_withdraw,
    criteria_for_request,
)
from .upkeep import candidacies_remind, care_requests_anonymise, care_requests_expire, working_days_between

__all__ = [
    "PrivacyReport",
    "candidacies_create",
    "candidacies_remind",
    "candidacy_accept",
    "candidacy_decline",
    "candidacy_offer",
    "care_request_close",
    "care_request_create",
    "care_request_expire",
    "care_request_keep_open",
    "care_request_publish",
    "care_request_start_treatment",
    "care_request_update",
    "care_request_withdraw",
    "care_requests_anonymise",
    "care_requests_expire",
    "criteria_for_request",
    "handover_next_steps_set",
    "match_confirm",
    "message_send",
    "offer_decline",
    "privacy_assert_no_bsn",
    "privacy_assert_storable",
    "privacy_report",
    "working_days_between",
]
