"""Writes and side effects of the matching app, split by sub-domain; import from here."""

from .invitations import (
    invitation_accept,
    invitation_decline,
    invitation_offer,
    invitations_create,
    match_confirm,
    offer_decline,
)
from .messages import message_send
from .privacy import PrivacyReport, privacy_assert_no_bsn, privacy_report
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
from .upkeep import care_requests_anonymise, care_requests_expire, invitations_remind, working_days_between

__all__ = [
    "PrivacyReport",
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
    "invitation_accept",
    "invitation_decline",
    "invitation_offer",
    "invitations_create",
    "invitations_remind",
    "match_confirm",
    "message_send",
    "offer_decline",
    "privacy_assert_no_bsn",
    "privacy_report",
    "working_days_between",
]
