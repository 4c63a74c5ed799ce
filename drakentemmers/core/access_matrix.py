"""The vocabulary of the access matrix: personas, outcomes and named rules.

Every URL pattern of the site has an access rule that says, per persona, what a GET gives (and what an
empty POST may give). The rules are declared per app in `<app>/access_rules.py` (third-party URLs mounted in
the root URL conf in `drakentemmers/access_rules.py`) and checked by `drakentemmers/tests/test_access_matrix.py`
for every URL × persona; see `docs/access.md`. This module imports no domain app: it only names things.

A rule is a named rule from this module, adjusted where the URL differs::

    RULES = {
        "matching:request_detail": OWN_ORGANISATION_OBJECT.allow(THERAPIST).fill(pk="care_request_a"),
        "matching:request_publish": post_only(OWN_ORGANISATION_OBJECT).fill(pk="draft_request_a"),
        "core:health": PUBLIC,
    }

`fill()` names the world objects (see `drakentemmers/tests/access_world.py`) that fill the URL's kwargs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from types import MappingProxyType

# --- Personas ------------------------------------------------------------------------------------------
# The objects of the world belong to organisation A, lie in region Y and involve THERAPIST; every other
# persona is a stranger to them in exactly one way. `drakentemmers/tests/access_world.py` builds them.
ANONYMOUS = "anonymous"
NO_ROLE = "no_role"
THERAPIST_UNVERIFIED = "therapist_unverified"
THERAPIST = "therapist"  # verified; invited on A's open request, and in a conversation started by A's staff
THERAPIST_OTHER = "therapist_other"  # verified, involved in nothing
STAFF_UNVERIFIED = "staff_unverified"  # MFA on, member of an organisation that is not verified yet
STAFF_A = "staff_a"  # MFA on, administrator of organisation A: owns the world's requests
STAFF_A_NO_MFA = "staff_a_no_mfa"
STAFF_A_MFA_NOT_PASSED = "staff_a_mfa_not_passed"  # MFA set up, but this session did not pass it
STAFF_B = "staff_b"  # MFA on, staff of organisation B: a stranger to A's objects
COORDINATOR_X = "coordinator_x"  # MFA on, coordinates region X; the world's objects lie in region Y
COORDINATOR_X_NO_MFA = "coordinator_x_no_mfa"
EDITOR = "editor"
EDITOR_NO_MFA = "editor_no_mfa"
MODERATOR = "moderator"
MODERATOR_NO_MFA = "moderator_no_mfa"
VERIFIER = "verifier"
VERIFIER_NO_MFA = "verifier_no_mfa"
ADMINISTRATOR = "administrator"  # the administrator role, is_staff and is_superuser (as the demo grants it)
ADMINISTRATOR_NO_MFA = "administrator_no_mfa"
ADMINISTRATOR_MFA_NOT_PASSED = "administrator_mfa_not_passed"


@dataclass(frozen=True)
class Persona:
    """Who is logged in. `mfa_passed` is what pages guarded by a second factor look at.

    A second factor counts only when this session passed it (`accounts.permissions.has_required_mfa`).
    `mfa_set_up` defaults to `mfa_passed`; a persona with `mfa_set_up=True, mfa_passed=False` has one but
    logged in without it: the world gives it no MFA record in the session and the rules expect MFA_CHALLENGE.
    """

    name: str
    roles: tuple[str, ...] = ()
    mfa_passed: bool = False
    mfa_set_up: bool | None = None
    why: str = ""

    @property
    def is_anonymous(self) -> bool:
        return self.name == ANONYMOUS

    @property
    def has_mfa_set_up(self) -> bool:
        return self.mfa_passed if self.mfa_set_up is None else self.mfa_set_up

    @property
    def needs_mfa(self) -> bool:
        # Mirrors accounts.models.MFA_REQUIRED_ROLES (named here, not imported: core imports no domain app).
        return bool(set(self.roles) & MFA_ROLES)


MFA_ROLES = frozenset({"org_staff", "coordinator", "editor", "moderator", "verifier", "administrator"})

PERSONAS: tuple[Persona, ...] = (
    Persona(ANONYMOUS, why="not logged in"),
    Persona(NO_ROLE, why="logged in, verified e-mail, no role"),
    Persona(THERAPIST_UNVERIFIED, ("therapist",), why="therapist whose profile waits for verification"),
    Persona(THERAPIST, ("therapist",), why="verified therapist involved in the world's request and conversation"),
    Persona(THERAPIST_OTHER, ("therapist",), why="verified therapist who is a stranger to the world's objects"),
    Persona(STAFF_UNVERIFIED, ("org_staff",), mfa_passed=True, why="staff of an organisation not yet verified"),
    Persona(STAFF_A, ("org_staff",), mfa_passed=True, why="administrator of organisation A, owner"),
    Persona(STAFF_A_NO_MFA, ("org_staff",), why="staff of A without a second factor"),
    Persona(
        STAFF_A_MFA_NOT_PASSED,
        ("org_staff",),
        mfa_set_up=True,
        why="staff of A with a second factor set up, in a session that did not pass it",
    ),
    Persona(STAFF_B, ("org_staff",), mfa_passed=True, why="staff of organisation B on A's objects"),
    Persona(COORDINATOR_X, ("coordinator",), mfa_passed=True, why="coordinator of region X on region Y"),
    Persona(COORDINATOR_X_NO_MFA, ("coordinator",), why="coordinator without a second factor"),
    Persona(EDITOR, ("editor",), mfa_passed=True, why="platform team: editor"),
    Persona(EDITOR_NO_MFA, ("editor",), why="editor without a second factor"),
    Persona(MODERATOR, ("moderator",), mfa_passed=True, why="platform team: moderator"),
    Persona(MODERATOR_NO_MFA, ("moderator",), why="moderator without a second factor"),
    Persona(VERIFIER, ("verifier",), mfa_passed=True, why="platform team: verifier"),
    Persona(VERIFIER_NO_MFA, ("verifier",), why="verifier without a second factor"),
    Persona(ADMINISTRATOR, ("administrator",), mfa_passed=True, why="administrator (Django admin)"),
    Persona(ADMINISTRATOR_NO_MFA, ("administrator",), why="administrator without a second factor"),
    Persona(
        ADMINISTRATOR_MFA_NOT_PASSED,
        ("administrator",),
        mfa_set_up=True,
        why="administrator with a second factor set up, in a session that did not pass it",
    ),
)
PERSONA_BY_NAME: Mapping[str, Persona] = MappingProxyType({p.name: p for p in PERSONAS})
LOGGED_IN_PERSONAS = frozenset(p.name for p in PERSONAS if not p.is_anonymous)
VERIFIED_THERAPISTS = frozenset({THERAPIST, THERAPIST_OTHER})
VERIFIED_STAFF = frozenset({STAFF_A, STAFF_B})
PLATFORM_TEAM = frozenset({EDITOR, MODERATOR, VERIFIER, ADMINISTRATOR})
MFA_SET_UP = frozenset(p.name for p in PERSONAS if p.has_mfa_set_up)


# --- Outcomes ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Outcome:
    """What a response must look like. `redirect_to` names URL patterns; `None` means any other page."""

    label: str
    status: frozenset[int]
    redirect_to: tuple[str, ...] | None = None
    denial: bool = False
    redirect_not_to: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.label


_LOGIN_PAGES = ("account_login", "admin:login")
OK = Outcome("200", frozenset({200}))
LOGIN = Outcome("302 to login", frozenset({302}), _LOGIN_PAGES, denial=True)
MFA_SETUP = Outcome("302 to MFA set-up", frozenset({302}), ("mfa_activate_totp",), denial=True)
# For the persona "MFA set up, not passed in this session" once MFA becomes a per-session check.
MFA_CHALLENGE = Outcome("302 to MFA", frozenset({302}), ("mfa_authenticate", "mfa_reauthenticate"), denial=True)
FORBIDDEN = Outcome("403", frozenset({403}), denial=True)
NOT_FOUND = Outcome("404", frozenset({404}), denial=True)
NOT_ALLOWED = Outcome("405", frozenset({405}), denial=True)
# A refusal whose exact form is not part of the contract (login, MFA set-up or challenge, 403 or 404).
DENIED = Outcome(
    "refused", frozenset({302, 403, 404}), (*_LOGIN_PAGES, *MFA_SETUP.redirect_to, *MFA_CHALLENGE.redirect_to), True
)
# A POST that was refused in any way: like DENIED, or 405 (a GET-only view), or 429 (rate limited).
POST_REFUSED = replace(DENIED, label="refused (POST)", status=frozenset({302, 403, 404, 405, 429}))
# The page sends the user on (e.g. a logged-in user on the login page); not a login or MFA redirect.
REDIRECT = Outcome("302 onwards", frozenset({302}), redirect_not_to=DENIED.redirect_to)
# Anything but a server error (an empty POST by someone allowed: a form error, a success, a redirect back).
NO_SERVER_ERROR = Outcome("no 5xx", frozenset(range(200, 500)))


def redirect_to(*url_names: str) -> Outcome:
    return Outcome(f"302 to {' or '.join(url_names)}", frozenset({302}), url_names)


@dataclass(frozen=True)
class KnownGap:
    """Today's behaviour differs from the rule. The case xfails (strict) until the fix lands, then fails.

    `now` is what the page does today: if it does something else again, the case fails outright.
    """

    reason: str
    now: Outcome
    expected: Outcome | None = None  # None: what the rule gives this persona without the gap


def known_gap(reason: str, *, now: Outcome, expected: Outcome | None = None) -> KnownGap:
    return KnownGap(reason, now, expected)


def gaps(reason: str, now: Outcome, *personas: str) -> dict[str, KnownGap]:
    """The same known gap for several personas: `rule.but(**gaps("finding 4", OK, EDITOR, MODERATOR))`."""
    return dict.fromkeys(personas, KnownGap(reason, now))


# --- Rules ---------------------------------------------------------------------------------------------
Filler = str | Callable[..., object]


@dataclass(frozen=True)
class Expectation:
    outcome: Outcome
    gap: KnownGap | None = None


@dataclass(frozen=True)
class Rule:
    """Who may open a URL. Expanded per persona by `expect()`:

    anonymous → `anonymous`; a persona whose role needs a second factor it has not passed → MFA (when
    `mfa_gate`); a persona in `allowed` → `granted` (200); everybody else → `denied` (404). `overrides`
    win over all of this. `post_only` rules expect 405 on GET and apply the same expansion to an empty POST.
    """

    allowed: frozenset[str]
    granted: Outcome = OK  # what an allowed persona gets (REDIRECT for pages that send you on)
    denied: Outcome = NOT_FOUND
    anonymous: Outcome = LOGIN
    mfa_gate: bool = True
    overrides: Mapping[str, Outcome | KnownGap] = field(default_factory=dict)
    post_only: bool = False
    kwargs: Mapping[str, Filler] = field(default_factory=dict)
    note: str = ""

    def allow(self, *personas: str) -> Rule:
        return replace(self, allowed=self.allowed | frozenset(personas))

    def deny(self, *personas: str) -> Rule:
        return replace(self, allowed=self.allowed - frozenset(personas))

    def but(self, **overrides: Outcome | KnownGap) -> Rule:
        unknown = set(overrides) - set(PERSONA_BY_NAME)
        if unknown:
            raise ValueError(f"Unknown persona(s) in override: {sorted(unknown)}")
        merged = dict(self.overrides)
        for name, value in overrides.items():
            previous = merged.get(name)
            if isinstance(value, KnownGap) and value.expected is None and isinstance(previous, Outcome):
                value = replace(value, expected=previous)  # a gap on top of an override keeps its expectation
            merged[name] = value
        return replace(self, overrides=merged)

    def refuse_with(self, outcome: Outcome) -> Rule:
        return replace(self, denied=outcome)

    def granting(self, outcome: Outcome) -> Rule:
        return replace(self, granted=outcome)

    def fill(self, **kwargs: Filler) -> Rule:
        """URL kwargs → world object names (or callables `(world, kwarg, url) -> value`)."""
        return replace(self, kwargs={**self.kwargs, **kwargs})

    def because(self, note: str) -> Rule:
        return replace(self, note=note)

    def _base(self, persona: Persona) -> Outcome:
        if persona.is_anonymous:
            return self.anonymous
        if self.mfa_gate and persona.needs_mfa and not persona.mfa_passed:
            return MFA_SETUP if not persona.has_mfa_set_up else MFA_CHALLENGE
        return self.granted if persona.name in self.allowed else self.denied

    def _expand(self, persona: Persona) -> Expectation:
        override = self.overrides.get(persona.name)
        if isinstance(override, KnownGap):
            return Expectation(override.expected or self._base(persona), override)
        return Expectation(override or self._base(persona))

    def expect_get(self, persona: Persona) -> Expectation:
        if self.post_only:
            return Expectation(NOT_ALLOWED)
        return self._expand(persona)

    def expect_post(self, persona: Persona) -> Expectation:
        """An empty POST: never a server error; someone refused on GET is refused on POST too."""
        expectation = self._expand(persona)
        if self.post_only:
            allowed = not expectation.outcome.denial
            return replace(expectation, outcome=NO_SERVER_ERROR) if allowed else expectation
        if expectation.outcome.denial and expectation.outcome is not NOT_ALLOWED:
            return Expectation(POST_REFUSED, expectation.gap)
        return Expectation(NO_SERVER_ERROR)


def rule(allowed: Iterable[str], **options) -> Rule:
    return Rule(allowed=frozenset(allowed), **options)


def post_only(base: Rule) -> Rule:
    """A view that only accepts POST (GET → 405 for everybody); `base` says who may POST."""
    return replace(base, post_only=True)


PUBLIC = rule(LOGGED_IN_PERSONAS, anonymous=OK, mfa_gate=False)
LOGGED_IN = rule(LOGGED_IN_PERSONAS, mfa_gate=False)
# Any logged-in user, but a role that sees confidential data must pass its second factor first.
LOGGED_IN_MFA = rule(LOGGED_IN_PERSONAS)
VERIFIED_THERAPIST = rule(VERIFIED_THERAPISTS)
ORG_STAFF_MFA = rule(VERIFIED_STAFF)
OWN_ORGANISATION_OBJECT = rule({STAFF_A})
PLATFORM_TEAM_MFA = rule(PLATFORM_TEAM)
VERIFIER_MFA = rule({VERIFIER, ADMINISTRATOR})
# The Django admin: only an administrator who passed a second factor. Everybody else is sent to the
# (admin) login; how an administrator without MFA is refused is up to the MFA check.
ADMINISTRATOR_MFA = rule({ADMINISTRATOR}, denied=LOGIN, mfa_gate=False).but(
    administrator_no_mfa=DENIED, administrator_mfa_not_passed=DENIED
)


# --- Discovery -----------------------------------------------------------------------------------------
PROJECT_RULES_MODULE = "drakentemmers.access_rules"


@dataclass(frozen=True)
class UrlEntry:
    """One URL pattern of the URL conf, with the key its rule is declared under."""

    key: str  # "namespace:name", or the full route for an unnamed pattern
    route: str
    name: str | None
    kwargs: tuple[str, ...]
    defaults: Mapping[str, object]
    view: str  # dotted path of the callback, to say where its rule belongs


def url_entries() -> list[UrlEntry]:
    """Every URL pattern of the project, third-party ones included, in URL-conf order."""
    from django.urls import URLResolver, get_resolver

    entries: list[UrlEntry] = []

    def walk(patterns, prefix: str, namespaces: tuple[str, ...], defaults: dict, outer: tuple[str, ...]) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            regex = pattern.pattern.regex
            # Unnamed regex groups (e.g. Wagtail's page and document routes) are filled as "_0", "_1", ...
            positional = tuple(f"_{i}" for i in range(regex.groups - len(regex.groupindex)))
            kwargs = (*outer, *regex.groupindex, *positional)
            if isinstance(pattern, URLResolver):
                namespace = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
                walk(pattern.url_patterns, route, namespace, {**defaults, **pattern.default_kwargs}, kwargs)
                continue
            name = ":".join((*namespaces, pattern.name)) if pattern.name else None
            callback = pattern.callback
            view = f"{callback.__module__}.{getattr(callback, '__qualname__', callback.__class__.__name__)}"
            entries.append(UrlEntry(name or route, route, name, kwargs, {**defaults, **pattern.default_args}, view))

    walk(get_resolver().url_patterns, "", (), {}, ())
    return entries


_ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


_UNNAMED_GROUP = re.compile(r"\((?!\?)(?:[^()]|\((?:[^()])*\))*\)")


def url_build(route: str, values: Mapping[str, object]) -> str:
    """The path of a (possibly mixed route/regex) pattern with its kwargs filled in (unnamed groups: _0, _1...)."""
    path = _REGEX_GROUP.sub(lambda m: str(values[m["name"]]), route)
    counter = iter(range(100))
    path = _UNNAMED_GROUP.sub(lambda m: str(values[f"_{next(counter)}"]), path)
    path = _ROUTE_PARAMETER.sub(lambda m: str(values[m["name"]]), path)
    return "/" + path.replace("^", "").replace("$", "")


def rules_module_for(view: str) -> str:
    """Where the rule for a view is declared: its app's access_rules.py, else the project's."""
    from django.apps import apps

    for config in apps.get_app_configs():
        if config.name.startswith("drakentemmers.") and (view == config.name or view.startswith(config.name + ".")):
            return f"{config.name}.access_rules"
    return PROJECT_RULES_MODULE


@dataclass(frozen=True)
class Declarations:
    rules: Mapping[str, Rule]
    prefixes: tuple[tuple[str, Rule], ...]  # (route prefix or glob, rule), most specific (longest) first
    sources: Mapping[str, str]  # key or prefix → module that declared it
    # Route prefix → the URL keys under it that the matrix requests; the others only need a rule. For large
    # third-party subtrees behind one gate (Wagtail's ~190 admin URLs), where every URL × persona would cost
    # minutes and test the same gate: see MATRIX_SAMPLES in knowledge/access_rules.py.
    samples: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def sampled_out(self, entry: UrlEntry) -> bool:
        return any(entry.route.startswith(prefix) and entry.key not in keys for prefix, keys in self.samples.items())


def collect_rules() -> Declarations:
    """RULES (and PREFIX_RULES) of every project app's access_rules module and of the project's.

    A PREFIX_RULES key is a route prefix ("beheer/django/") or, when it contains "*", a glob over the
    whole route ("beheer/django/*/*/<path:object_id>/"). An exact RULES key wins over any prefix.
    """
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps

    modules = [f"{c.name}.access_rules" for c in apps.get_app_configs() if c.name.startswith("drakentemmers.")]
    rules: dict[str, Rule] = {}
    prefixes: dict[str, Rule] = {}
    sources: dict[str, str] = {}
    samples: dict[str, frozenset[str]] = {}
    for module_name in [PROJECT_RULES_MODULE, *modules]:
        if find_spec(module_name) is None:
            continue
        module = import_module(module_name)
        samples.update({prefix: frozenset(keys) for prefix, keys in getattr(module, "MATRIX_SAMPLES", {}).items()})
        for target, declared in (
            (rules, getattr(module, "RULES", {})),
            (prefixes, getattr(module, "PREFIX_RULES", {})),
        ):
            for key, value in declared.items():
                if key in sources:
                    raise ValueError(f"Access rule for {key!r} declared twice: {sources[key]} and {module_name}")
                target[key] = value
                sources[key] = module_name
    ordered = tuple(sorted(prefixes.items(), key=lambda item: -len(item[0])))
    return Declarations(MappingProxyType(rules), ordered, MappingProxyType(sources), MappingProxyType(samples))


def rule_for(entry: UrlEntry, declarations: Declarations) -> Rule | None:
    if entry.key in declarations.rules:
        return declarations.rules[entry.key]
    for prefix, prefix_rule in declarations.prefixes:
        if route_matches(entry.route, prefix):
            return prefix_rule
    return None


def route_matches(route: str, prefix: str) -> bool:
    return fnmatchcase(route, prefix) if "*" in prefix else route.startswith(prefix)
