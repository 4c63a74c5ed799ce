from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def flash_validation_error(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def apply_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where it names one, otherwise at the top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
