"""The access matrix: every URL pattern of the site × every persona, against the declared access rules.

Rules live in `<app>/access_rules.py` (third-party URLs: `drakentemmers/access_rules.py`); the vocabulary
in `drakentemmers/core/access_matrix.py`; the world in `access_world.py`. See `docs/access.md`.

One test case per URL × persona: a GET that must give the declared outcome, then an empty POST that must
never be a server error, and for anyone refused on GET must be refused too. The world is built once per
module (per xdist worker) inside a transaction; every case runs in a savepoint rolled back after it.
"""

from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from drakentemmers.core import access_matrix as am

from .access_world import cache_of_its_own, world_for_module

ENTRIES = am.url_entries()
DECLARATIONS = am.collect_rules()


class GapStillOpen(Exception):
    """A known gap behaves as declared: the case is an expected failure (xfail, strict)."""


def _cases():
    for entry in ENTRIES:
        rule = am.rule_for(entry, DECLARATIONS)
        if rule is None:
            yield pytest.param(entry, None, None, id=f"{entry.key}-undeclared")
            continue
        if DECLARATIONS.sampled_out(entry):
            continue  # declared; its subtree is requested through a sample (MATRIX_SAMPLES)
        for persona in am.PERSONAS:
            gap = rule.expect_get(persona).gap or rule.expect_post(persona).gap
            marks = [pytest.mark.xfail(strict=True, raises=GapStillOpen, reason=gap.reason)] if gap else []
            yield pytest.param(entry, rule, persona, marks=marks, id=f"{entry.key}-{persona.name}")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with world_for_module(django_db_blocker, tmp_path_factory, "access") as built:
        yield built


@pytest.fixture(autouse=True)
def _immediate_tasks():
    """Keep the database task backend (the root conftest's immediate one breaks the admin's task pages)."""


@pytest.fixture(autouse=True)
def _own_cache(settings):
    """Rate limits count in the cache: every case starts with an empty one of its own."""
    cache_of_its_own(settings, "matrix")


def _file(module: str) -> str:
    return module.replace(".", "/") + ".py"


def _url(entry: am.UrlEntry, rule: am.Rule, world) -> str:
    missing = [kwarg for kwarg in entry.kwargs if kwarg not in rule.kwargs]
    if missing:
        pytest.fail(
            f"URL {entry.key!r} ({entry.route}) has kwargs {missing} that its rule does not fill: "
            f"add .fill({missing[0]}='<world object>') to its rule in {_file(am.rules_module_for(entry.view))} "
            "(world objects: drakentemmers/tests/access_world.py)"
        )
    values = {kwarg: world.value(rule.kwargs[kwarg], entry) for kwarg in entry.kwargs}
    url = am.url_build(entry.route, values)
    try:
        match = resolve(url)
    except Resolver404:
        pytest.fail(f"{url} (built for {entry.key!r}) does not resolve")
    assert f"{match.func.__module__}.{getattr(match.func, '__qualname__', '')}" == entry.view, url
    return url


def _matches(response, outcome: am.Outcome) -> bool:
    if response.status_code not in outcome.status:
        return False
    if response.status_code != 302:
        return True
    location = urlsplit(response["Location"]).path
    if outcome.redirect_to is not None and location not in {reverse(name) for name in outcome.redirect_to}:
        return False
    return location not in {reverse(name) for name in outcome.redirect_not_to}


def _describe(response) -> str:
    if response.status_code in (301, 302):
        return f"{response.status_code} to {response['Location']}"
    return str(response.status_code)


def _check(method: str, url: str, persona: am.Persona, response, expectation: am.Expectation) -> None:
    if _matches(response, expectation.outcome):
        return
    got = _describe(response)
    if expectation.gap and _matches(response, expectation.gap.now):
        raise GapStillOpen(f"{method} {url} as {persona.name}: {got} ({expectation.gap.reason})")
    raise AssertionError(f"{method} {url} as {persona.name}: expected {expectation.outcome}, got {got}")


@pytest.mark.parametrize(("entry", "rule", "persona"), list(_cases()))
def test_access(world, db, entry, rule, persona):
    if rule is None:
        pytest.fail(
            f"No access rule for URL {entry.key!r} (route {entry.route!r}, view {entry.view}). "
            f"Declare it in {_file(am.rules_module_for(entry.view))}: RULES[{entry.key!r}] = <rule>; see docs/access.md"
        )
    url = _url(entry, rule, world)
    client = world.client_for(persona)
    _check("GET", url, persona, client.get(url), rule.expect_get(persona))
    _check("POST", url, persona, client.post(url, {}), rule.expect_post(persona))


def test_every_rule_names_an_existing_url():
    """A rule for a URL that no longer exists (renamed, removed) is stale: delete or rename it."""
    keys = {entry.key for entry in ENTRIES}
    stale = {key: DECLARATIONS.sources[key] for key in DECLARATIONS.rules if key not in keys}
    assert stale == {}
    routes = [entry.route for entry in ENTRIES]
    unused = [prefix for prefix, _ in DECLARATIONS.prefixes if not any(am.route_matches(r, prefix) for r in routes)]
    assert unused == []
