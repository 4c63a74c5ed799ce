"""Purge the bodies of e-mails already sent or finally failed (issue 15, Low 12).

They may hold live password-reset and invitation links. From now on the task purges them itself; this
clears what was stored before. Recipients, subject, status, times and attempts stay. Not reversible:
the texts are gone on purpose.
"""

from django.db import migrations

DONE_STATUSES = ("sent", "failed")


def purge_done_bodies(apps, schema_editor) -> None:
    OutgoingEmail = apps.get_model("core", "OutgoingEmail")
    OutgoingEmail.objects.filter(status__in=DONE_STATUSES).exclude(body_text="", body_html="").update(
        body_text="", body_html=""
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0003_scheduled_job_run")]

    operations = [migrations.RunPython(purge_done_bodies, migrations.RunPython.noop, elidable=True)]
