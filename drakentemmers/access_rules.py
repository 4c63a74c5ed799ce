"""Access rules for the third-party URLs mounted in the root URL conf: i18n, allauth and the Django admin.

Project apps declare theirs in `<app>/access_rules.py`; see docs/access.md.
"""

from drakentemmers.core.access_matrix import (
    ADMINISTRATOR,
    ADMINISTRATOR_MFA,
    ADMINISTRATOR_NO_MFA,
    FORBIDDEN,
    LOGGED_IN,
    LOGGED_IN_PERSONAS,
    LOGIN,
    MFA_SET_UP,
    NO_SERVER_ERROR,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    PUBLIC,
    REDIRECT,
    redirect_to,
    rule,
)

# Pages for visitors (log in, sign up): a logged-in user is sent on to their own page.
VISITOR_PAGE = PUBLIC.but(**dict.fromkeys(LOGGED_IN_PERSONAS, REDIRECT))
# Steps in the middle of a login (MFA code, login code): outside a login, you are sent on.
LOGIN_STEP = LOGGED_IN.granting(REDIRECT)
# allauth asks for the password again before MFA set-up changes (a fresh login is not a reauthentication).
REAUTHENTICATE_FIRST = LOGGED_IN.granting(REDIRECT)
NOBODYS = rule(set(), mfa_gate=False).because("nobody in the world has one: 404 for everybody")


def admin_page(granted=OK):
    """An admin page: only the administrator whose session passed a second factor gets `granted`."""
    return ADMINISTRATOR_MFA.granting(granted)


_ADMIN_KWARGS = {
    "object_id": "admin_object",
    "id": "admin_object",
    "app_label": "admin_app_label",
    "url": "admin_unknown_page",
}
_NON_STAFF = LOGGED_IN_PERSONAS - {ADMINISTRATOR, ADMINISTRATOR_NO_MFA}

RULES = {
    "set_language": PUBLIC.granting(REDIRECT).but(anonymous=REDIRECT),
    # allauth: visitors' pages are public; everything about one's own account needs a login only, never
    # a second factor (a user without MFA must reach the pages that set it up).
    "account_login": VISITOR_PAGE,
    "account_signup": VISITOR_PAGE,
    "account_logout": LOGGED_IN.but(anonymous=REDIRECT),
    "account_inactive": PUBLIC,
    "account_reauthenticate": LOGGED_IN,
    "account_email": LOGGED_IN,
    "account_email_verification_sent": PUBLIC,
    "account_change_password": LOGGED_IN,
    "account_set_password": LOGGED_IN.granting(REDIRECT).because("everybody has a password: sent to change it"),
    "account_reset_password": PUBLIC,
    "account_confirm_login_code": LOGIN_STEP,
    "account_confirm_email": PUBLIC.fill(key="email_confirmation_key"),
    "account_reset_password_from_key_done": PUBLIC,
    # The link is the secret; a valid one is moved out of the URL into the session (a redirect).
    "account_reset_password_from_key": PUBLIC.granting(REDIRECT)
    .but(anonymous=REDIRECT)
    .fill(uidb36="password_reset_uid", key="password_reset_key"),
    "account_reset_password_done": PUBLIC,
    "usersessions_list": LOGGED_IN,
    "mfa_authenticate": LOGIN_STEP,
    "mfa_reauthenticate": rule(MFA_SET_UP, denied=REDIRECT, mfa_gate=False).because("without MFA: password instead"),
    "mfa_activate_totp": REAUTHENTICATE_FIRST,
    "mfa_deactivate_totp": rule(MFA_SET_UP, granted=REDIRECT, mfa_gate=False).because("reauthenticate first"),
    "mfa_view_recovery_codes": NOBODYS,
    "mfa_generate_recovery_codes": REAUTHENTICATE_FIRST,
    "mfa_download_recovery_codes": NOBODYS,
    "mfa_add_webauthn": REAUTHENTICATE_FIRST,
    "mfa_reauthenticate_webauthn": LOGGED_IN.granting(REDIRECT).because("without a security key: the password"),
    "mfa_remove_webauthn": REAUTHENTICATE_FIRST.fill(pk="webauthn_authenticator"),
    "mfa_edit_webauthn": REAUTHENTICATE_FIRST.fill(pk="webauthn_authenticator"),
    # The Django admin's own login is allauth's secure admin login: anonymous → the one login page (rate
    # limits, the code step), logged in without staff status → 403. The administrator is sent to the admin.
    "admin:login": rule(set(), denied=FORBIDDEN, mfa_gate=False).but(
        anonymous=LOGIN,
        administrator=REDIRECT,
        administrator_no_mfa=NO_SERVER_ERROR,
        administrator_mfa_not_passed=NO_SERVER_ERROR,
    ),
    # POST only for the administrator; everybody else is sent to the admin index (and from there to login).
    "admin:logout": rule(set(), denied=redirect_to("admin:index"), anonymous=redirect_to("admin:index"), mfa_gate=False)
    .but(administrator=NOT_ALLOWED, administrator_no_mfa=NO_SERVER_ERROR)
    .because("logging out is harmless, whoever asks"),
    "admin:view_on_site": admin_page(NOT_FOUND)
    .fill(content_type_id="admin_content_type", object_id="therapist")
    .because("no model in the admin has a public page"),
    # Records written by the code only: nobody adds or deletes them by hand (403 to the administrator too).
    **{
        f"admin:{model}_{action}": admin_page(FORBIDDEN).fill(**_ADMIN_KWARGS)
        for model in ("core_accesslogentry", "auditlog_logentry", "django_tasks_database_dbtaskresult")
        for action in ("add", "delete")
    },
    "admin:core_outgoingemail_add": admin_page(FORBIDDEN),
    "admin:recruitment_colleagueinvitation_add": admin_page(FORBIDDEN).because("members invite on the site"),
    "admin:recruitment_invitationoptout_add": admin_page(FORBIDDEN).because("only the invitee opts out"),
    "admin:conversations_thread_add": admin_page(FORBIDDEN).because("threads start from a profile or a request"),
    "admin:core_scheduledjobrun_add": admin_page(FORBIDDEN).because("the scheduler writes these rows"),
    "admin:autocomplete": admin_page(FORBIDDEN).because("403 without the field to complete"),
    "beheer/django/(?P<url>.*)$": admin_page(NOT_FOUND).fill(**_ADMIN_KWARGS),
}

PREFIX_RULES = {
    # allauth's MFA pages manage the user's own second factor: login only, never an MFA gate.
    "account/2fa/": LOGGED_IN,
    # The Django admin, every model's pages: administrators who passed a second factor only.
    "beheer/django/": admin_page().fill(**_ADMIN_KWARGS),
    # .../<model>/<id>/ (unnamed) sends on to .../<id>/change/
    "beheer/django/*/*/<path:object_id>/": admin_page(REDIRECT).fill(**_ADMIN_KWARGS),
}
