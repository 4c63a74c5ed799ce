"""Access rules for the region-division pages (see docs/access.md and regions/permissions.py).

The administrator and verifiers, with a passed second factor, maintain the divisions; everybody else 404.
"""

from drakentemmers.core.access_matrix import VERIFIER_MFA, post_only

RULES = {
    "regions:overview": VERIFIER_MFA,
    "regions:import_upload": VERIFIER_MFA,
    "regions:import_detail": VERIFIER_MFA.fill(pk="region_import"),
    "regions:import_apply": post_only(VERIFIER_MFA).fill(pk="region_import"),
    "regions:import_discard": post_only(VERIFIER_MFA).fill(pk="region_import"),
    "regions:division_export": VERIFIER_MFA.fill(kind="region_kind"),
}
