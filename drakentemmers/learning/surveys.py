"""A training's participants as a questionnaire audience (the surveys app's registry), e.g. for an evaluation."""

from django.utils import formats

from drakentemmers.surveys.audiences import Recipient
from drakentemmers.surveys.models import RespondentGroup

from .models import Training, TrainingStatus
from .selectors import training_participants

# The builder lists the trainings held or planned most recently.
CHOICES_LIMIT = 200


def training_choices() -> list[tuple[str, str]]:
    trainings = Training.objects.exclude(status=TrainingStatus.DRAFT).order_by("-created_at")[:CHOICES_LIMIT]
    return [
        (str(training.pk), f"{training.title} ({formats.date_format(training.created_at, 'j N Y')})")
        for training in trainings
    ]


def participants(params: dict) -> list[Recipient]:
    value = str(params.get("training_id", "")).strip()
    training = Training.objects.filter(pk=int(value)).first() if value.isdigit() else None
    if training is None:
        return []
    return [
        Recipient(email=user.email, user=user, group=RespondentGroup.PARTICIPANT)
        for user in training_participants(training)
        if user.email
    ]
