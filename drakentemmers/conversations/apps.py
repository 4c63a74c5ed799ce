from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    """Threads, messages and read state shared by every app (contact, request threads, later consultation).

    A core-level app: like ``core`` it imports no domain app. Domain apps register their parties (who acts
    for an organisation) and their thread kinds (own page, when a thread is closed) in ``registry``.
    """

    name = "drakentemmers.conversations"
    label = "conversations"
    verbose_name = _("Conversations")
