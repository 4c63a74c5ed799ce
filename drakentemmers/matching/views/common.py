from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def flash_validation_error(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)
