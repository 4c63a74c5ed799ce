"""Who may do what with questionnaires.

| who                          | answer (token link) | own list /vragenlijsten/ | builder, results, export |
| ---------------------------- | ------------------- | ------------------------ | ------------------------ |
| anyone holding the token     | yes (no login)      | –                        | –                        |
| logged-in user               | their invitations   | yes (menu: members, coordinators) | 404             |
| platform team (MFA)          | –                   | yes                      | yes                      |

Unknown, expired and closed tokens all give the same "link no longer works" page; a used token says the
questionnaire was already submitted (the holder knows that anyway).
"""

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.permissions import has_required_mfa

from .models import Questionnaire, QuestionnaireStatus, SurveyInvitation


def can_manage_questionnaires(user) -> bool:
    return user.is_authenticated and user.is_platform_team and has_required_mfa(user)


def require_manager(user) -> None:
    if not can_manage_questionnaires(user):
        raise Http404


def get_questionnaire_for_manager(user, pk: int) -> Questionnaire:
    require_manager(user)
    return get_object_or_404(Questionnaire, pk=pk)


def get_invitation_for_token(token: str) -> SurveyInvitation:
    """The invitation behind a personal link, whether done or not; 404 for unknown tokens and drafts."""
    invitation = SurveyInvitation.objects.select_related("questionnaire").filter(token=token).first() if token else None
    if invitation is None or invitation.questionnaire.status == QuestionnaireStatus.DRAFT:
        raise Http404
    return invitation


# The menu's count is cached this long (seconds); opening a questionnaire and submitting clear it.
OPEN_COUNT_CACHE_SECONDS = 300


def open_count_cache_key(user_id: int) -> str:
    return f"surveys:open-count:{user_id}"


def open_invitations_count(user) -> int:
    """For the menu: questionnaires waiting for this user's answer. From the cache: no query on most pages."""
    from .selectors import open_invitations_for_user

    # Members and coordinators find questionnaires in the menu; anyone else invited (organisation staff,
    # contact officials) uses the personal link in the e-mail, so their pages cost no query for this.
    if not user.is_authenticated or not user.has_role(Role.THERAPIST, Role.COORDINATOR):
        return 0
    if not hasattr(user, "_open_questionnaires"):
        key = open_count_cache_key(user.pk)
        count = cache.get(key)
        if count is None:
            count = open_invitations_for_user(user).count()
            cache.set(key, count, OPEN_COUNT_CACHE_SECONDS)
        user._open_questionnaires = count
    return user._open_questionnaires


def has_open_invitations(user) -> bool:
    return open_invitations_count(user) > 0
