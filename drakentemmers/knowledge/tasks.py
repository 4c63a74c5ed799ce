from django_tasks import task

from . import services


@task()
def knowledge_digests_send() -> int:
    return services.knowledge_digests_send()


@task()
def editor_groups_sync_all() -> int:
    return services.editor_groups_sync_all()


@task()
def scheduled_pages_publish() -> str:
    """Wagtail's scheduled publishing: publish (or unpublish) what editors scheduled for now or earlier."""
    from io import StringIO

    from django.core.management import call_command

    output = StringIO()
    call_command("publish_scheduled", stdout=output)
    return output.getvalue()[-500:]
