"""0002 wrote the site row with an explicit id (1), which leaves PostgreSQL's id sequence at its start: the
next site added (in the Django admin) got id 1 again and failed with a duplicate key, a server error. The
sequence is set past the rows that exist, as Django's own `create_default_site` does after writing id 1."""

from django.core.management.color import no_style
from django.db import migrations


def site_sequence_reset(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [Site]):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_notice_preference_digest"), ("sites", "0002_alter_domain_unique")]

    operations = [migrations.RunPython(site_sequence_reset, migrations.RunPython.noop)]
