"""Disk full, the server's (an uploaded file) or the database's: the form comes back with what was typed and a
clear message, and nothing is half-saved.

A view wraps its save in `disk_full_as_validation_error()` *outside* the save's transaction: the transaction has
rolled back when the error becomes a ValidationError, which the view puts on the form as it does with any
service error (the error summary at the top). Other errors pass unchanged; a database that is full where no view
catches it still gives the 503 page of core/errors.py (an OperationalError), never a 500.
"""

import errno
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.utils.translation import gettext

logger = logging.getLogger(__name__)

DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
# PostgreSQL's disk_full class: "could not extend file ...: No space left on device".
DISK_FULL_SQLSTATE = "53100"
DISK_FULL_TEXTS = ("No space left on device", "could not extend file", "Disk quota exceeded")


def is_disk_full(error: BaseException) -> bool:
    if isinstance(error, OSError) and error.errno in DISK_FULL_ERRNOS:
        return True
    if isinstance(error, OperationalError):
        if getattr(error.__cause__, "sqlstate", None) == DISK_FULL_SQLSTATE:
            return True
        return any(text in str(error) for text in DISK_FULL_TEXTS)
    return False


def disk_full_message() -> str:
    return gettext(
        "Saving did not work: the platform's storage is full. Nothing was saved; what you typed is still here. "
        "Try again later."
    )


@contextmanager
def disk_full_as_validation_error() -> Iterator[None]:
    try:
        yield
    except (OSError, OperationalError) as error:
        if not is_disk_full(error):
            raise
        logger.error("Disk full while saving a form: %s", error)
        raise ValidationError(disk_full_message(), code="disk_full") from error
