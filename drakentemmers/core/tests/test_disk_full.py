"""core/disk_full.py: what counts as a full disk, and the 503 page (not a 500) where no form catches it."""

import errno

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.test import RequestFactory

from drakentemmers.core.disk_full import disk_full_as_validation_error, is_disk_full
from drakentemmers.core.errors import server_error

DISK_FULL_DB = 'could not extend file "base/16384/2619": No space left on device'


@pytest.mark.parametrize(
    ("error", "full"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), True),
        (OSError(errno.EDQUOT, "Disk quota exceeded"), True),
        (OperationalError(DISK_FULL_DB), True),
        (OSError(errno.EACCES, "Permission denied"), False),
        (OperationalError("server closed the connection unexpectedly"), False),
    ],
)
def test_is_disk_full(error, full):
    assert is_disk_full(error) is full


def test_disk_full_becomes_a_dutch_form_error_and_other_errors_pass():
    with pytest.raises(ValidationError) as caught, disk_full_as_validation_error():
        raise OSError(errno.ENOSPC, "No space left on device")
    assert caught.value.code == "disk_full"
    assert "de opslag van het platform is vol" in caught.value.messages[0]
    with pytest.raises(OperationalError), disk_full_as_validation_error():
        raise OperationalError("server closed the connection unexpectedly")


def test_a_full_database_outside_a_form_gives_the_503_page():
    try:
        raise OperationalError(DISK_FULL_DB)
    except OperationalError:
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 503 and response["Retry-After"]
