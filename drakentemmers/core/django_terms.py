"""Django's own texts that users read, worded in our tone ("je") instead of Django's Dutch "u".

Django's password validators and password forms say "Uw wachtwoord…". Core is listed before
django.contrib.auth in INSTALLED_APPS, so its catalogue wins for identical msgids; they are listed here
only so that makemessages keeps them in core's catalogue (the apostrophes are Django's curly ones).

Dates: Django's Dutch abbreviated months (date format "N") have no full stop ("1 dec 2026"); ours
follow Dutch usage, "1 dec. 2026", "3 mei 2026". The "M" format would print "Dec" even in Dutch.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

DJANGO_AUTH_TERMS = [
    # Django 5.2's MinimumLengthValidator.get_error_message; its own Dutch catalogue lacks this msgid.
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "This password is too short. It must contain at least %(min_length)d character.",
        "This password is too short. It must contain at least %(min_length)d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    _("The password is too similar to the %(verbose_name)s."),
    _("Your password can’t be too similar to your other personal information."),
    _("This password is too common."),
    _("Your password can’t be a commonly used password."),
    _("This password is entirely numeric."),
    _("Your password can’t be entirely numeric."),
    _("Your old password was entered incorrectly. Please enter it again."),
    _("The two password fields didn’t match."),
]

MONTH_ABBREVIATIONS = [
    pgettext_lazy("abbrev. month", "Jan."),
    pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"),
    pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"),
    pgettext_lazy("abbrev. month", "Aug."),
    pgettext_lazy("abbrev. month", "Sept."),
    pgettext_lazy("abbrev. month", "Oct."),
    pgettext_lazy("abbrev. month", "Nov."),
    pgettext_lazy("abbrev. month", "Dec."),
]

# Django's form messages: Wagtail's admin catalogue (an app, so it wins over Django's own) words "This field is
# required." differently ("Dit is een verplicht veld."); core's catalogue keeps the platform's wording.
DJANGO_FORM_TERMS = [
    _("This field is required."),
]
