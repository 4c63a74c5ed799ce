"""Who may see and do what with trainings. Views call the lookup helpers first; templates get booleans.

| who | calendar, pages, iCal | enrol, own enrolments, certificate | attendance | manage, figures |
| --- | --- | --- | --- | --- |
| anonymous | yes (published only) | no (login) | no | no |
| logged in, no role (light account) | yes | yes, only their own | no | no |
| trainer of the training | yes | yes | that training | no |
| platform team (with MFA) | yes | yes | every training | yes |

Referring and HBO professionals use a light account (no role); roles that need MFA pass it first.

Somebody else's enrolment or a session of a training one does not give: 404. The certificate check page
(`/scholing/certificaat/<code>/`) is public but shows only name, training and dates, and the code is unguessable.
"""

from django.http import Http404

from drakentemmers.accounts.permissions import has_required_mfa

from .models import Enrolment, Session, Training


def can_enrol(user) -> bool:
    """Everybody with an account, a light one (no role) included: referring and HBO professionals enrol too."""
    return user.is_authenticated


def can_manage_trainings(user) -> bool:
    return user.is_authenticated and user.is_platform_team and has_required_mfa(user)


def is_trainer(user, training: Training) -> bool:
    return user.is_authenticated and training.trainers.filter(pk=user.pk).exists()


def can_mark_attendance(user, training: Training) -> bool:
    return can_manage_trainings(user) or is_trainer(user, training)


def get_training_for_staff(user, pk: int) -> Training:
    if not can_manage_trainings(user):
        raise Http404
    try:
        return Training.objects.get(pk=pk)
    except Training.DoesNotExist:
        raise Http404 from None


def get_enrolment_for_user(user, pk: int) -> Enrolment:
    """The user's own enrolment; anybody else's gives 404."""
    if not user.is_authenticated:
        raise Http404
    try:
        return Enrolment.objects.select_related("training", "user").get(pk=pk, user=user)
    except Enrolment.DoesNotExist:
        raise Http404 from None


def get_session_for_attendance(user, pk: int) -> Session:
    try:
        session = Session.objects.select_related("training").get(pk=pk)
    except Session.DoesNotExist:
        raise Http404 from None
    if not can_mark_attendance(user, session.training):
        raise Http404
    return session
