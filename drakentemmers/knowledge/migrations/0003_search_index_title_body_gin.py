"""PostgreSQL: a GIN index on the expression Wagtail's database search backend matches on.

The backend filters with `(title || body) @@ query`; its own indexes are on the columns, which a
concatenation cannot use, so every search read every index entry. With this expression index the match is
an index scan (benchmarks/knowledge_search.py). SQLite (FTS5) needs nothing.
"""

from django.db import migrations

INDEX = "knowledge_search_title_body_gin"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING GIN ((title || body))"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_knowledge_site_editors_workflow"), ("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(forwards, backwards)]
