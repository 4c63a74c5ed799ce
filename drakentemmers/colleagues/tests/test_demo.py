"""The demo colleague network: built on the directory's demo therapists, idempotent, with something on
every page (groups in real regions, meetings with attendance, supervisors, answered questions)."""

import pytest

from drakentemmers.accounts import demo as accounts_demo
from drakentemmers.accounts.demo import demo_email
from drakentemmers.accounts.models import User
from drakentemmers.directory import demo as directory_demo

from .. import demo
from ..models import Attendance, Consultation, IntervisionGroup, Meeting, SupervisionOffer, SupervisionRequest


@pytest.fixture
def seeded(db):
    accounts_demo.seed()
    directory_demo.seed()
    demo.seed()


def test_the_demo_fills_every_part(seeded):
    assert IntervisionGroup.objects.count() == len(demo.GROUPS)
    assert IntervisionGroup.objects.filter(region__kind="vt").count() == len(demo.GROUPS) - 1
    bente = User.objects.get(email=demo_email("behandelaar"))
    assert IntervisionGroup.objects.filter(facilitator=bente).exists()
    assert Meeting.objects.count() == 3 * len(demo.GROUPS)
    assert Attendance.objects.filter(present=True).exists()
    assert SupervisionOffer.objects.filter(is_active=True).count() == len(demo.SUPERVISOR_TEXTS)
    assert SupervisionRequest.objects.count() == 1
    assert Consultation.objects.filter(accepted_reply__isnull=False).count() == 1
    assert Consultation.objects.filter(group__isnull=False).count() == 1


def test_seeding_twice_adds_nothing(seeded):
    counts = (IntervisionGroup.objects.count(), Meeting.objects.count(), Consultation.objects.count())
    demo.seed()
    assert (IntervisionGroup.objects.count(), Meeting.objects.count(), Consultation.objects.count()) == counts
