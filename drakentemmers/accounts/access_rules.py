"""Access rules for the account pages (see docs/access.md).

Everybody manages their own account without a second factor: the account page is where MFA is set up.
"""

from drakentemmers.core.access_matrix import ADMINISTRATOR, FORBIDDEN, LOGGED_IN, PUBLIC, VERIFIER, rule

RULES = {
    "accounts:overview": LOGGED_IN,
    "accounts:export": LOGGED_IN,
    "accounts:erase": LOGGED_IN,
    "accounts:invitations": rule({VERIFIER, ADMINISTRATOR}, denied=FORBIDDEN),
    # The token is the secret; accepting (POST) needs a login with the invited address.
    "accounts:invitation_accept": PUBLIC.fill(token="account_invitation_token"),  # noqa: S106 (a world name)
}
