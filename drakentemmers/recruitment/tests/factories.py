"""Factories for recruitment tests."""

import factory

from drakentemmers.accounts.tests.factories import UserFactory

from ..models import ColleagueInvitation


class ColleagueInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ColleagueInvitation

    email = factory.Sequence(lambda n: f"collega{n}@praktijk.example.nl")
    invited_by = factory.SubFactory(UserFactory)
    note = ""
