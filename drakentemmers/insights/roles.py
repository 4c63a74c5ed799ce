"""The role kept with a logged-in member's report: one coarse label, derived from the account."""

from drakentemmers.accounts.models import Role

from .models import SubmitterRole


def submitter_role_for(user) -> str | None:
    """The most telling member role; None for a visitor or an account without one (they declare a role)."""
    if not user.is_authenticated:
        return None
    for role, label in (
        (Role.THERAPIST, SubmitterRole.THERAPIST),
        (Role.COORDINATOR, SubmitterRole.COORDINATOR),
        (Role.ORG_STAFF, SubmitterRole.ORG_STAFF),
    ):
        if user.has_role(role):
            return label
    return None
