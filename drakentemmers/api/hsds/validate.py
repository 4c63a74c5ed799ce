"""Validate exported objects against the official HSDS JSON schemas shipped in `schemas/` (no network).

The schemas (Open Referral, CC BY-SA 4.0: see schemas/<version>/SOURCE.md) refer to each other by file name
(`"$ref": "attribute.json"`); each file is registered under a local base URI, so every `$ref` resolves from
the copies here and nothing is ever fetched.
"""

import json
from datetime import datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
BASE_URI = "https://hsds.schemas.invalid/{version}/"  # .invalid: never resolvable, nothing is fetched
VERSIONS = ("3.0", "3.1")

FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    if not isinstance(value, str) or "T" not in value:
        return False
    datetime.fromisoformat(value.replace("Z", "+00:00"))
    return True


@FORMATS.checks("uri", raises=ValueError)
def _uri(value: object) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return bool(parts.scheme and (parts.netloc or parts.path))


@cache
def _registry(version: str) -> Registry:
    resources = []
    for path in sorted((SCHEMA_DIR / version).glob("*.json")):
        contents = json.loads(path.read_text())
        resources.append((BASE_URI.format(version=version) + path.name, Resource(contents, DRAFT202012)))
    return Registry().with_resources(resources)


@cache
def validator(version: str, object_name: str) -> Draft202012Validator:
    """A validator for one HSDS object ("service", "organization", ...) of one version."""
    uri = BASE_URI.format(version=version) + f"{object_name}.json"
    schema = {"$ref": uri}
    return Draft202012Validator(schema, registry=_registry(version), format_checker=FORMATS)


def errors(version: str, object_name: str, instance: dict) -> list[str]:
    """Every schema violation of `instance`, as readable strings (empty when valid)."""
    found = validator(version, object_name).iter_errors(instance)
    return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in found]
