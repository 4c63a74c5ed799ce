"""Who may see, list, find and download which knowledge, and who edits it.

| visibility / action          | anonymous | logged in | member (verified therapist, platform team with MFA) | editor |
| ---------------------------- | --------- | --------- | --------------------------------------------------- | ------ |
| public page: read, list, find, download its files | yes | yes | yes | yes |
| logged-in page               | login     | yes       | yes                                                 | yes    |
| members-only page            | login     | 404       | yes                                                 | yes    |
| a document                   | only when a live page that uses it may be read (else 404); editors always        |
| the Wagtail admin /redactie/ | login     | 404       | 404 (moderators too) | editors, administrators (MFA) |

"Never shown" for members-only pages: a logged-in non-member gets the same 404 as for a page that does not
exist; an anonymous visitor is sent to the login (a member following a link while logged out gets in).
"""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.permissions import has_required_mfa
from drakentemmers.directory.permissions import can_search_therapists, is_verified_therapist

from .models import Visibility

EDITORIAL_ROLES = (Role.EDITOR, Role.ADMINISTRATOR)


def is_member(user) -> bool:
    """A member of the network: a verified therapist, or the platform team (from a session that passed MFA)."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_knowledge_member", None)
    if cached is None:
        cached = is_verified_therapist(user) or (user.is_platform_team and has_required_mfa(user))
        user._knowledge_member = cached
    return cached


def visible_visibilities(user) -> list[str]:
    """The visibilities this user may read, for filtering lists, search, feeds and documents in the database."""
    if not getattr(user, "is_authenticated", False):
        return [Visibility.PUBLIC]
    if is_member(user):
        return [Visibility.PUBLIC, Visibility.LOGGED_IN, Visibility.MEMBERS]
    return [Visibility.PUBLIC, Visibility.LOGGED_IN]


def can_view_page(user, page) -> bool:
    return page.visibility in visible_visibilities(user)


def page_refusal(request: HttpRequest, page) -> HttpResponse | None:
    """None when the page may be served; else the login redirect (anonymous) or a 404 (Http404 raised)."""
    if can_view_page(request.user, page):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404


def can_edit_knowledge(user) -> bool:
    """The Wagtail admin: editors and administrators, from a session that passed a second factor."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.has_role(*EDITORIAL_ROLES))


def can_search_directory(user) -> bool:
    """Whether a method page links to the directory search filtered on its method (the staff search)."""
    return can_search_therapists(user)


def can_read_knowledge(user) -> bool:
    """The knowledge base is open to everybody; what each person reads is decided by visible_visibilities."""
    return True


def can_manage_digest(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))
