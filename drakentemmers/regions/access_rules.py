"""Access rules for the region-division pages (see docs/access.md and regions/permissions.py).

The administrator and verifiers, with a passed second factor, maintain the divisions; everybody else 404.
"""

from drakentemmers.core.access_matrix import NOT_ALLOWED, VERIFIER_MFA

RULES = {
    "regions:overview": VERIFIER_MFA,
    "regions:import_upload": VERIFIER_MFA,
    "regions:import_detail": VERIFIER_MFA.fill(pk="region_import"),
    # POST only; the login and role checks come before the method check, so strangers are refused as on GET.
    "regions:import_apply": VERIFIER_MFA.granting(NOT_ALLOWED).fill(pk="region_import"),
    "regions:import_discard": VERIFIER_MFA.granting(NOT_ALLOWED).fill(pk="region_import"),
    "regions:division_export": VERIFIER_MFA.fill(kind="region_kind"),
}
