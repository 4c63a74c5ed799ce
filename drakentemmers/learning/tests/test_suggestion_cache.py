"""The trainings suggested on "My Drakentemmers" come from a shared cache of the offer: it follows every change
to a training, its sessions, methods and target groups at once, drops what time passed by, and is personal only
where it should be (each therapist's profile and enrolments)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from drakentemmers.accounts.models import User
from drakentemmers.directory.models import Method, TargetGroup
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.learning import selectors, services
from drakentemmers.learning.models import Audience, TrainingStatus

from .factories import training_with_session

pytestmark = pytest.mark.django_db


def _method(slug: str) -> Method:
    return Method.objects.create(slug=slug, name_nl=slug.upper(), name_en=slug.upper())


def _profile(*methods, groups=()):
    profile = TherapistProfileFactory()
    profile.methods.set(methods)
    profile.target_groups.set(groups)
    return profile


def _titles(user) -> list[str]:
    fresh = User.objects.get(pk=user.pk)  # a new user object, as every request has
    return [training.title for training in selectors.training_suggestions(fresh)]


def _therapist_training(title: str, *methods, days: int = 30, groups=()):
    training = training_with_session(
        title=title, audience=Audience.THERAPISTS, starts_at=timezone.now() + timedelta(days=days)
    )
    training.methods.set(methods)
    training.target_groups.set(groups)
    return training


def test_the_cached_offer_follows_new_changed_and_withdrawn_trainings():
    emdr, net, imagery = _method("c-emdr"), _method("c-net"), _method("c-imagery")
    profile = _profile(emdr)
    first = _therapist_training("Eerste", net)
    assert _titles(profile.user) == ["Eerste"]  # the offer is now cached

    second = _therapist_training("Tweede", imagery, days=40)
    assert _titles(profile.user) == ["Eerste", "Tweede"]  # a new training shows at once

    second.methods.set([emdr])  # now only teaches what the therapist already lists (an M2M change)
    assert _titles(profile.user) == ["Eerste"]

    second.methods.set([net])  # as relevant as "Eerste": the sooner one first
    assert _titles(profile.user) == ["Eerste", "Tweede"]
    services.session_add(  # an earlier session: "Tweede" now starts first
        training=second,
        starts_at=timezone.now() + timedelta(days=5),
        ends_at=timezone.now() + timedelta(days=5, hours=3),
    )
    assert _titles(profile.user) == ["Tweede", "Eerste"]
    second.methods.set([imagery])
    assert _titles(profile.user) == ["Tweede", "Eerste"]

    first.status = TrainingStatus.CANCELLED
    first.save()
    assert _titles(profile.user) == ["Tweede"]


def test_a_training_leaves_the_cached_offer_when_its_enrolment_deadline_passes():
    net = _method("c-net")
    profile = _profile()
    training = _therapist_training("Bijna dicht", net, days=30)
    training.enrolment_deadline = timezone.now() + timedelta(days=2)
    training.save()
    assert _titles(profile.user) == ["Bijna dicht"]
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        assert _titles(profile.user) == []  # no data changed: the cached offer is filtered for the present


def test_two_therapists_share_the_offer_but_not_their_reasons_or_enrolments():
    emdr, net = _method("c-emdr"), _method("c-net")
    children = TargetGroup.objects.create(slug="c-kinderen", name_nl="Kinderen", name_en="Children")
    knows_emdr = _profile(emdr, groups=[children])
    knows_net = _profile(net)
    training = _therapist_training("EMDR en NET voor kinderen", emdr, net, groups=[children])

    [for_first] = selectors.training_suggestions(User.objects.get(pk=knows_emdr.user_id))
    [for_second] = selectors.training_suggestions(User.objects.get(pk=knows_net.user_id))
    assert for_first.suggestion_new_methods == [net] and for_first.suggestion_groups == [children]
    assert for_second.suggestion_new_methods == [emdr] and for_second.suggestion_groups == []
    assert for_first.suggestion_new_methods == [net]  # the second user's reasons did not overwrite the first's

    services.training_enrol(training=training, user=knows_emdr.user, audience=Audience.THERAPISTS)
    assert _titles(knows_emdr.user) == []
    assert _titles(knows_net.user) == ["EMDR en NET voor kinderen"]
