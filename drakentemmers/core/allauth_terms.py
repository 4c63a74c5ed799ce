"""allauth texts we word differently in Dutch.

allauth's Dutch catalogue says "aanmelden" for logging in, which on this platform means signing up as a
therapist or organisation. Core is listed before allauth in INSTALLED_APPS, so its catalogue wins; these
msgids are listed here only so that makemessages keeps them in core's catalogue.
"""

from django.utils.translation import gettext_lazy as _

ALLAUTH_TERMS = [
    _("Sign In"),
    _("Sign Out"),
    _("Are you sure you want to sign out?"),
    _("Already have an account? Then please %(link)ssign in%(end_link)s."),
]
