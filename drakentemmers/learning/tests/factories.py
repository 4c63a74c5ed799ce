"""Factories for trainings: a published training with sessions, in a real municipality."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from drakentemmers.learning.models import Audience, Format, Session, Training, TrainingStatus
from drakentemmers.regions.models import Municipality


def training_make(**fields) -> Training:
    now = timezone.now()
    defaults = {
        "title": "Traumasensitief werken voor verwijzers",
        "description": "Wat trauma doet met kinderen en volwassenen na huiselijk geweld, en hoe je verwijst.",
        "audience": Audience.REFERRING,
        "format": Format.IN_PERSON,
        "status": TrainingStatus.PUBLISHED,
        "capacity": 10,
        "price": Decimal("0"),
        "enrolment_deadline": now + timedelta(days=20),
        "venue_name": "Vergadercentrum De Eenhoorn",
        "venue_address": "Stationsplein 1",
    }
    defaults.update(fields)
    if "municipality" not in fields and defaults["format"] != Format.ONLINE:
        defaults["municipality"] = Municipality.objects.filter(name="Utrecht").first()
    return Training.objects.create(**defaults)


def training_with_session(
    *, starts_at: datetime | None = None, hours: int = 3, sessions: int = 1, **fields
) -> Training:
    starts_at = starts_at or timezone.now() + timedelta(days=30)
    training = training_make(**fields)
    for number in range(sessions):
        start = starts_at + timedelta(days=7 * number)
        Session.objects.create(training=training, starts_at=start, ends_at=start + timedelta(hours=hours))
    return training
