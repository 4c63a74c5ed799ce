"""An e-mail backend that always fails, to prove the outbox retries instead of losing mail."""

from django.core.mail.backends.base import BaseEmailBackend


class FailingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        raise ConnectionRefusedError("mail server down")
