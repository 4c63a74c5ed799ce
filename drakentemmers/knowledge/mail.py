"""Wagtail's moderation mails (submitted, approved, rejected) go through the platform outbox, never directly.

`wagtail.admin.mail.send_mail` opens an SMTP connection inline; replacing it routes every Wagtail mail to
`core.services.email_queue` (retried by the worker, never dropped), with the same signature.
"""

from django.db import transaction

from drakentemmers.core.services import email_queue


def outbox_send_mail(subject, message, recipient_list, from_email=None, **kwargs) -> int:
    with transaction.atomic():
        email_queue(
            to=recipient_list,
            subject=subject,
            body_text=message,
            body_html=kwargs.get("html_message") or "",
            from_email=from_email or "",
        )
    return 1


def route_wagtail_mail_through_outbox() -> None:
    from wagtail.admin import mail

    mail.send_mail = outbox_send_mail
