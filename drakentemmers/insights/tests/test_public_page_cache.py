"""The public list of bottlenecks is cached for anonymous visitors; publishing or withdrawing shows at once."""

import pytest
from django.urls import reverse

from drakentemmers.insights import services

from .factories import moderator, report

pytestmark = pytest.mark.django_db


def test_publishing_and_withdrawing_show_at_once(client, django_assert_num_queries):
    url = reverse("insights:public_list")
    shown = report(accepted=True, public=True, description="Wachtlijst voor kinderen in de opvang is lang.")
    assert "Wachtlijst voor kinderen" in client.get(url).content.decode()
    with django_assert_num_queries(0):  # the repeat visit from the cache
        client.get(url)
    later = report(accepted=True, public=False, description="Tolken ontbreken bij intakes in de regio.")
    assert "Tolken ontbreken" not in client.get(url).content.decode()
    services.report_set_public(report=later, by=moderator(), public=True)
    assert "Tolken ontbreken" in client.get(url).content.decode()
    services.report_set_public(report=shown, by=moderator(), public=False)
    assert "Wachtlijst voor kinderen" not in client.get(url).content.decode()
