"""Lookup errors are shown to users as they are: they must read as clear Dutch (and English after the switch)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from drakentemmers.regions.selectors import place_resolve

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "dutch", "english"),
    [
        ("123", "“123” is geen geldige postcode. Gebruik vier cijfers", "“123” is not a valid postcode."),
        ("1234 SA", "de letters SA worden nooit gebruikt", "the letters SA are never used"),
        ("1000", "Postcode 1000 kennen we niet.", "Postcode 1000 is not known to us."),
        ("Atlantis", "We kennen geen gemeente of plaats met de naam “Atlantis”.", "called “Atlantis”"),
        (" ", "Vul een postcode of gemeente in.", "Enter a postcode or a municipality."),
    ],
)
def test_messages_in_both_languages(typed, dutch, english):
    for language, expected in (("nl", dutch), ("en", english)):
        with translation.override(language), pytest.raises(ValidationError) as error:
            place_resolve(typed)
        assert expected in " ".join(error.value.messages), language
