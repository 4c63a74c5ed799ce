"""Objects of the API app in the access matrix's world (called from drakentemmers/tests/access_world.py)."""

from drakentemmers.core import access_matrix as am


def api_world(users: dict) -> dict[str, object]:
    """A token of STAFF_A: only its owner may revoke it."""
    from drakentemmers.api import services

    made = services.api_token_create(user=users[am.STAFF_A], name="Zorgsysteem A", with_mfa=True)
    return {"api_token_a": made.token.pk}
