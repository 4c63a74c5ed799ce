"""Directory operations that change state: profiles, verification, availability, organisations, messages.

Status changes of profiles and organisations are recorded by django-auditlog (registered in apps.py),
which writes its log row inside the same database transaction as the change.
"""

from .availability import (
    availability_confirm,
    availability_reminders_send,
    availability_update,
)
from .messages import conversation_start
from .organisations import (
    organisation_create,
    organisation_invitation_accept,
    organisation_invitation_create,
    organisation_reject,
    organisation_verify,
    validate_dutch_phone,
    validate_kvk_number,
)
from .personal_data import (
    personal_data_erase,
    personal_data_export,
    personal_data_identifiers,
    personal_data_records,
    therapist_profile_erase,
)
from .profiles import (
    PROFILE_CHECKS,
    photo_process,
    therapist_location_add,
    therapist_location_remove,
    therapist_name_changed,
    therapist_photo_remove,
    therapist_photo_set,
    therapist_profile_completeness,
    therapist_profile_get_or_create,
    therapist_profile_missing,
    therapist_profile_submit,
    therapist_profile_update,
    therapist_reject,
    therapist_verify,
    validate_big_number,
)

__all__ = [
    "PROFILE_CHECKS",
    "availability_confirm",
    "availability_reminders_send",
    "availability_update",
    "conversation_start",
    "organisation_create",
    "organisation_invitation_accept",
    "organisation_invitation_create",
    "organisation_reject",
    "organisation_verify",
    "personal_data_erase",
    "personal_data_export",
    "personal_data_identifiers",
    "personal_data_records",
    "photo_process",
    "therapist_location_add",
    "therapist_location_remove",
    "therapist_name_changed",
    "therapist_photo_remove",
    "therapist_photo_set",
    "therapist_profile_completeness",
    "therapist_profile_erase",
    "therapist_profile_get_or_create",
    "therapist_profile_missing",
    "therapist_profile_submit",
    "therapist_profile_update",
    "therapist_reject",
    "therapist_verify",
    "validate_big_number",
    "validate_dutch_phone",
    "validate_kvk_number",
]
