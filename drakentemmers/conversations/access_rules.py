"""Access rules for the shared conversations (see docs/access.md and conversations/permissions.py).

The world's contact thread was started by A's staff for organisation A with THERAPIST: its participants
are THERAPIST and organisation A, whose verified staff share it. Everybody else gets 404.
"""

from drakentemmers.core.access_matrix import LOGGED_IN_MFA, STAFF_A, THERAPIST, rule

RULES = {
    # Everyone logged in has an inbox (empty until they take part in a thread); roles that see
    # confidential data pass their second factor first.
    "conversations:inbox": LOGGED_IN_MFA,
    "conversations:thread": rule({THERAPIST, STAFF_A}).fill(pk="conversation_a"),
}
