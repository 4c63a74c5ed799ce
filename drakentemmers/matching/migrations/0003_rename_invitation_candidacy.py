"""Rename matching's Invitation to Candidacy, so it cannot be confused with the tokened invitations of accounts
and directory. Rows, ids and foreign keys stay as they are: the table and column are renamed in place."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_vocabularies"),
        ("matching", "0002_care_request_kept_open"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="invitation", name="unique_invitation_per_therapist"),
        migrations.RenameModel(old_name="Invitation", new_name="Candidacy"),
        migrations.RenameField(model_name="message", old_name="invitation", new_name="candidacy"),
        migrations.AlterField(
            model_name="candidacy",
            name="care_request",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="candidacies", to="matching.carerequest"
            ),
        ),
        migrations.AlterField(
            model_name="candidacy",
            name="therapist",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="candidacies",
                to="directory.therapistprofile",
                verbose_name="therapist",
            ),
        ),
        migrations.AddConstraint(
            model_name="candidacy",
            constraint=models.UniqueConstraint(fields=("care_request", "therapist"), name="unique_candidacy_per_therapist"),
        ),
    ]
