"""Access rules for the account pages (see docs/access.md).

Everybody manages their own account without a second factor: the account page is where MFA is set up.
"""

from drakentemmers.core.access_matrix import (
    ADMINISTRATOR,
    FORBIDDEN,
    LOGGED_IN,
    PUBLIC,
    VERIFIER,
    post_only,
    redirect_to,
    rule,
)

# The GDPR export and erasure ask for the password again first (allauth's re-authentication); the world's
# sessions logged in an hour ago, so every logged-in persona is asked.
PASSWORD_AGAIN_FIRST = LOGGED_IN.granting(redirect_to("account_reauthenticate"))

RULES = {
    "accounts:overview": LOGGED_IN,
    "accounts:notices": post_only(LOGGED_IN),
    "accounts:export": PASSWORD_AGAIN_FIRST,
    "accounts:erase": PASSWORD_AGAIN_FIRST,
    # The NEN 7513 access log: administrators who passed a second factor; everybody else 404.
    "platform:access_log": rule({ADMINISTRATOR}),
    "accounts:invitations": rule({VERIFIER, ADMINISTRATOR}, denied=FORBIDDEN),
    # The token is the secret; accepting (POST) needs a login with the invited address.
    "accounts:invitation_accept": PUBLIC.fill(token="account_invitation_token"),  # noqa: S106 (a world name)
}
