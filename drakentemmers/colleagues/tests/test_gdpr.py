"""GDPR: the export holds the person's network data; erasure takes them out of groups and supervision,
hands a facilitated group over, and keeps their anonymised questions for colleagues without an author."""

from drakentemmers.accounts.services import user_erase

from .. import gdpr, services
from ..models import Consultation, GroupMembership, SupervisionOffer


def test_export_and_erasure(group, facilitator, member, outsider):
    consultation = services.consultation_create(author=facilitator, title="Vraag", question="Hoe pak je dit aan?")
    services.consultation_reply(consultation=consultation, author=outsider, body="Zo.")
    services.supervision_offer_save(user=facilitator, is_active=True, description="Supervisor.")
    exported = gdpr.export_user(facilitator)
    assert exported["intervision_memberships"][0]["group"] == group.name
    assert exported["consultations"][0]["question"] == "Hoe pak je dit aan?"
    assert exported["supervision_offer"]["description"] == "Supervisor."

    user_erase(user=facilitator)
    group.refresh_from_db()
    assert group.facilitator == member and group.is_active
    assert not GroupMembership.objects.filter(user=facilitator).exists()
    assert not SupervisionOffer.objects.exists()
    consultation = Consultation.objects.get()
    assert consultation.author is None and consultation.replies.count() == 1
