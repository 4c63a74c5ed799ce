"""Background tasks of insights; each calls the service of the same name."""

from django_tasks import task

from . import services


@task()
def moderation_digest() -> int:
    return services.moderation_digest_send()
