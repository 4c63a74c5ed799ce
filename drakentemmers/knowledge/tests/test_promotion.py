"""An editor turns an accepted answer from case consultation into a draft article: texts only, never identities."""

import pytest
from django.urls import reverse

from drakentemmers.colleagues import services as colleagues
from drakentemmers.core.models import AccessLogEntry
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.knowledge.models import KnowledgeArticlePage

pytestmark = pytest.mark.django_db
LIST = reverse("knowledge:promotion_list")


@pytest.fixture
def answered():
    asker = TherapistProfileFactory(user__first_name="Anouk", user__last_name="Vraagsteller").user
    helper = TherapistProfileFactory(user__first_name="Bram", user__last_name="Antwoorder").user
    consultation = colleagues.consultation_create(
        author=asker, title="Vastlopen na stabilisatie", question="Wat doe je als de stabilisatiefase niet lukt?"
    )
    reply = colleagues.consultation_reply(
        consultation=consultation, author=helper, body="Kort stabiliseren en dan toch beginnen met traumaverwerking."
    )
    colleagues.consultation_accept(consultation=consultation, reply=reply, by=asker)
    return consultation


def test_the_editor_promotes_an_answer_into_a_draft_without_identities(client_of, editor, answered):
    client = client_of(editor)
    page = client.get(LIST).content.decode()
    assert "Vastlopen na stabilisatie" in page and "Kort stabiliseren" in page
    assert "Vraagsteller" not in page and "Antwoorder" not in page
    response = client.post(reverse("knowledge:promote", args=[answered.pk]))
    draft = KnowledgeArticlePage.objects.get()
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert not draft.live and draft.owner == editor
    text = str(draft.body) + draft.title + draft.intro + draft.source_note
    assert "Kort stabiliseren" in text and "stabilisatiefase" in text
    for identity in ("Anouk", "Vraagsteller", "Bram", "Antwoorder"):
        assert identity not in text
    # Promoting again opens the same draft instead of making a second article.
    again = client.post(reverse("knowledge:promote", args=[answered.pk]))
    assert again["Location"] == response["Location"] and KnowledgeArticlePage.objects.count() == 1
    # Every read of the consultation by the editor is in the access log.
    assert AccessLogEntry.objects.filter(user=editor, object_id=str(answered.pk)).count() >= 2


def test_only_accepted_network_answers_and_only_editors(client_of, editor, member, answered):
    open_question = colleagues.consultation_create(author=member, title="Nog open", question="Wie weet raad?")
    assert client_of(editor).post(reverse("knowledge:promote", args=[open_question.pk])).status_code == 404
    assert client_of(member).get(LIST).status_code == 404
    assert client_of(member).post(reverse("knowledge:promote", args=[answered.pk])).status_code == 404
    assert not KnowledgeArticlePage.objects.exists()
