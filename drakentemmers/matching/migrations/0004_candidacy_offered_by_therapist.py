from django.db import migrations, models
from django.db.models import Q


def mark_existing_offers(apps, schema_editor):
    """Offers made before the field existed: every pending offer, and any candidacy nobody invited.

    An invitation always records who invited (``invited_by``) and, from the candidates page, a ranking score;
    an offer has neither. Erasure may since have cleared ``invited_by``, so both must be missing.
    """
    Candidacy = apps.get_model("matching", "Candidacy")
    Candidacy.objects.filter(Q(status="offered") | Q(invited_by__isnull=True, score__isnull=True)).update(
        offered_by_therapist=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0003_rename_invitation_candidacy"),
    ]

    operations = [
        migrations.AddField(
            model_name="candidacy",
            name="offered_by_therapist",
            field=models.BooleanField(default=False, verbose_name="offered by the therapist"),
        ),
        migrations.RunPython(mark_existing_offers, migrations.RunPython.noop),
    ]
