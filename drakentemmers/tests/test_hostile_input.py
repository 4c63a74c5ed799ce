"""Hostile input on every form of the platform (issue #24, OWASP ASVS V5). The privacy guard's own hostile-input
tests are in core/tests/test_privacy_guard_hostile.py.

The forms are not listed by hand: every URL of the access matrix is opened (GET) as the first persona its rule
lets in (drakentemmers/tests/access_world.py), the page's POST forms are read from the HTML, and every form is
posted with hostile values:

- a fixed battery of four POSTs: very long text (100 000 characters); NUL and other control characters, SQL-ish
  text, impossible numbers and dates, and values outside a select's, radio's or checkbox's options (hidden fields
  included); a real choice in every select with hostile values in the ticked boxes and radios (an admin action
  on a selection that is no id); mixed scripts with the right-to-left override and zero-width
  characters, with `<script>` and `"><img onerror>` markup, in the free-text fields only, so that the form may
  save it;
- one hypothesis example mixing those pieces per field (derandomized, no shrinking: deterministic and bounded).

A case fails on a server error (5xx or an uncaught exception), when a response, the page a redirect leads to,
or the form's page opened again after a save (where stored text shows) carries a payload's markup unescaped,
or when a form that came back with errors after the long-text or the markup POST lost the typed text. Each form
(action × field names; the Django admin's generic pages once for all models) is posted once, as one persona;
every POST runs in a savepoint that is rolled back, inside the access matrix's world.

Bounded: each URL has a hard time budget (URL_BUDGET_SECONDS, enforced with a timer signal, so a page that
hangs fails with its name instead of stalling the suite); all cases run on one xdist worker, which builds the
world once and posts each form once.
"""

from __future__ import annotations

import html
import signal
import time
from contextlib import contextmanager
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import transaction
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from drakentemmers.core import access_matrix as am

from .access_world import cache_of_its_own, world_for_module

pytestmark = pytest.mark.xdist_group("hostile-input")

MARK = "dt-xss"
SCRIPT = f'<script>alert("{MARK}")</script>'
IMG = f'"><img src=x onerror=alert("{MARK}")>'
# What must never appear raw in an HTML response: the markup a payload would run as.
RAW_MARKERS = (f'<script>alert("{MARK}")', f'<img src=x onerror=alert("{MARK}")')

LONG_LENGTH = 100_000
# Text fields of one form that get the 100 000 characters (the others 2 000): an admin form has up to twenty text
# fields, and twenty times 100 000 characters through the privacy guard and back in the page cost seconds a POST
# while testing nothing the first few do not.
LONG_FIELDS = 3
URL_BUDGET_SECONDS = 25
HYPOTHESIS_EXAMPLES = 1
LONG_TEXT = "very long text"
MARKUP = "mixed scripts and markup"
# The POSTs after which a form that comes back with errors must still hold the typed text (the one with NUL and
# control characters is left out: what a page does with them is Django's ProhibitNullCharactersValidator's call).
KEPT_CHECKED = {LONG_TEXT, MARKUP}

# Personas tried in this order: the one who owns the world's objects first, then the others.
PREFERENCE = [
    am.STAFF_A,
    am.THERAPIST,
    am.COORDINATOR_X,
    am.VERIFIER,
    am.EDITOR,
    am.MODERATOR,
    am.ADMINISTRATOR,
    am.NO_ROLE,
    am.ANONYMOUS,
]
PERSONA_ORDER = [am.PERSONA_BY_NAME[n] for n in PREFERENCE] + [p for p in am.PERSONAS if p.name not in PREFERENCE]

ADMIN_GENERIC_VIEWS = {"changelist", "delete", "add", "change"}
_FORMS_SEEN: set[tuple] = set()

# --- Hostile values -------------------------------------------------------------------------------------

CONTROL = "a\x00b\x01\x02\x07\x08\x0b\x0c\x1b\x7f\x00"
MIXED_SCRIPTS = "Жанна Ἀθηνᾶ محمد 李小龙 שָׁלוֹם 🐉 \u202eevil\u202c \u200b\u200d\ufeff Zoë"
SQL = "'; DROP TABLE accounts_user; -- ' OR '1'='1"
BAD_NUMBERS_AND_DATES = [
    "99999999999999999999999999999",
    "-1e309",
    "NaN",
    "2026-02-30",
    "31-13-2026",
    "0000-00-00T25:61",
    "-0",
    "1,5e3",
]
LONG = ((SCRIPT + " Aé Жанна \u202e " + IMG + " ") * (LONG_LENGTH // 60 + 1))[:LONG_LENGTH]

PIECES = [
    SCRIPT,
    IMG,
    "\x00",
    CONTROL,
    "\u202eevil\u202c",
    "\u200b\u200d\ufeff",
    MIXED_SCRIPTS,
    SQL,
    "%s %d {0} {{ x }} {% now %}",
    "../../etc/passwd",
    "\r\n\r\nSet-Cookie: x=1",
    "javascript:alert(3)",
    "\ud7ff\ue000\U0010ffff",
    *BAD_NUMBERS_AND_DATES,
]
hostile = st.one_of(st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join), st.text(max_size=80))

TEXT_KINDS = {"text", "textarea", "search", "email", "url", "tel", "password", "number", "date", "datetime-local"}
FREE_TEXT_KINDS = {"text", "textarea", "search"}
CHOICE_KINDS = {"hidden", "checkbox", "radio", "select"}


def _not_given_back(action: str, name: str) -> bool:
    """Text fields that a form never gives back, on purpose: the empty template row of an admin inline (its
    `__prefix__` is replaced by the browser's script), and the account name the admin's password form shows
    for password managers (not a field of the form)."""
    return "__prefix__" in name or (action.endswith("/password/") and name == "username")


# --- Forms in HTML --------------------------------------------------------------------------------------


class _Forms(HTMLParser):
    """The POST forms of a page: action and fields (name, kind, value, options, checked)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                self._form = {"action": a.get("action") or "", "fields": []}
                self.forms.append(self._form)
            return
        if tag == "option" and self._select is not None:
            value = a.get("value", "")
            self._select["options"].append(value)
            if "selected" in a:
                self._select["value"] = value
            return
        if self._form is None or not a.get("name"):
            return
        field = {"name": a["name"], "kind": tag, "value": a.get("value") or "", "options": [], "checked": True}
        if tag == "input":
            field["kind"] = (a.get("type") or "text").lower()
            if field["kind"] in ("checkbox", "radio"):
                field["checked"] = "checked" in a
                field["options"] = [field["value"] or "on"]
        elif tag == "textarea":
            self._textarea = field
        elif tag == "select":
            field["multiple"] = "multiple" in a
            self._select = field
        elif tag == "button":
            if (a.get("type") or "submit").lower() != "submit":
                return
            field["kind"] = "submit"
        else:
            return
        self._form["fields"].append(field)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            if self._select and not self._select["value"] and self._select["options"]:
                self._select["value"] = self._select["options"][0]
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._textarea["value"] = self._textarea["value"].removeprefix("\n")
            self._textarea = None


def forms_in(page: str) -> list[dict]:
    parser = _Forms()
    parser.feed(page)
    return parser.forms


def _as_browser(form: dict, value_for) -> dict[str, list[str]]:
    """The POST data a browser would send, with `value_for(field, index)` replacing values where it returns one."""
    data: dict[str, list[str]] = {}
    submitted = False
    for index, field in enumerate(form["fields"]):
        name, kind = field["name"], field["kind"]
        if name == "csrfmiddlewaretoken" or kind == "file":
            continue
        if kind in ("submit", "image"):
            if not submitted:
                data.setdefault(name, []).append(field["value"])
                submitted = True
            continue
        value = value_for(field, index)
        if value is None:
            if kind in ("checkbox", "radio") and not field["checked"]:
                continue
            value = field["value"] or ("on" if kind == "checkbox" else "")
        data.setdefault(name, []).append(value)
    return data


def _battery(form: dict) -> list[tuple[str, dict]]:
    """Four POSTs covering every kind of hostility; fields a POST does not concern keep what a browser sends."""
    text_fields = [i for i, f in enumerate(form["fields"]) if f["kind"] in TEXT_KINDS]
    long_fields = set(text_fields[:LONG_FIELDS])

    def long_text(f, i):
        if f["kind"] not in TEXT_KINDS:
            return None
        return LONG if i in long_fields else LONG[:2000]

    invalid = [CONTROL, SQL, *BAD_NUMBERS_AND_DATES]

    def invalid_values(f, i):
        if f["kind"] in CHOICE_KINDS:
            return [SCRIPT + "\x00", "999999999", "-1", "", IMG, CONTROL][i % 6]
        return invalid[i % len(invalid)] if f["kind"] in TEXT_KINDS else None

    def markup(f, i):
        # Only free text gets it, the rest stays valid: the form may well save it, and its pages must escape it.
        return f"{MIXED_SCRIPTS} {SCRIPT} {IMG}" if f["kind"] in FREE_TEXT_KINDS else None

    def hostile_ticked(f, i):
        # A real choice in every select (an admin action) and the hidden fields as sent (the admin's `index`,
        # `select_across`), hostile values in the ticked boxes and radios (the ids of an admin action's selection).
        if f["kind"] == "select":
            return next((option for option in f["options"] if option), None)
        if f["kind"] in ("checkbox", "radio"):
            return ["abc", "\x00", "99999999999999999999", "-1", SCRIPT][i % 5]
        return None

    return [
        (LONG_TEXT, _as_browser(form, long_text)),
        ("a real choice in every select, hostile ticked values", _as_browser(form, hostile_ticked)),
        (
            "control characters, SQL, bad numbers and dates, values outside the options",
            _as_browser(form, invalid_values),
        ),
        (MARKUP, _as_browser(form, markup)),
    ]


def _typed(form: dict, data: dict[str, list[str]]) -> dict[str, str]:
    """What was typed in the free-text fields (named once in the form): what a form with errors must give back."""
    names = [f["name"] for f in form["fields"]]
    return {
        f["name"]: data[f["name"]][0]
        for f in form["fields"]
        if f["kind"] in FREE_TEXT_KINDS and names.count(f["name"]) == 1 and f["name"] in data
    }


# --- The world ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with world_for_module(django_db_blocker, tmp_path_factory, "hostile") as built:
        yield built


@pytest.fixture(autouse=True)
def _immediate_tasks():
    """Keep the database task backend, as the access matrix does."""


@pytest.fixture(autouse=True)
def _own_cache(settings):
    """Rate limits count in the cache: a fresh one per URL, so no limit is hit by the posting itself."""
    cache_of_its_own(settings, "hostile")


def _entries():
    declarations = am.collect_rules()
    for entry in am.url_entries():
        rule = am.rule_for(entry, declarations)
        if rule is None or rule.post_only or declarations.sampled_out(entry):
            continue
        yield pytest.param(entry, rule, id=entry.key)


def _persona_for(rule: am.Rule) -> am.Persona | None:
    for persona in PERSONA_ORDER:
        expectation = rule.expect_get(persona)
        if expectation.gap is None and expectation.outcome is am.OK:
            return persona
    return None


class UrlBudgetExceeded(Exception):
    pass


@contextmanager
def _budget(seconds: int, what: str):
    """Fail (not hang) when one URL's posting takes longer than its budget."""

    def expired(signum, frame):
        raise UrlBudgetExceeded(f"{what}: over its budget of {seconds} s (a page that hangs or is far too slow)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _assert_safe(response, what: str) -> None:
    assert response.status_code < 500, f"{what}: server error {response.status_code}"
    if "html" in response.get("Content-Type", ""):
        body = response.content.decode(errors="replace")
        for marker in RAW_MARKERS:
            assert marker not in body, f"{what}: the payload {marker!r} came back unescaped"


def _assert_typed_text_kept(response, action: str, persona: am.Persona, typed: dict[str, str]) -> None:
    body = response.content.decode(errors="replace")
    if response.status_code != 200 or not typed or not _has_errors(body):
        return
    given_back = {f["name"]: f["value"] for form in forms_in(body) for f in form["fields"]}
    lost = [
        name
        for name, value in typed.items()
        if name in given_back and not _not_given_back(action, name) and given_back[name] != value
    ]
    assert not lost, f"POST {action} as {persona.name}: the form with errors lost the typed text of {lost}"


def _has_errors(body: str) -> bool:
    return "dt-field--invalid" in body or 'class="errorlist' in body or "dt-error-summary" in body


@pytest.mark.parametrize(("entry", "rule"), list(_entries()))
def test_hostile_input_on_every_form(world, db, entry, rule):
    persona = _persona_for(rule)
    if persona is None:
        pytest.skip("no persona may open this page")
    if any(kwarg not in rule.kwargs for kwarg in entry.kwargs):
        pytest.skip("its rule fills no kwargs (the access matrix reports this)")
    url = am.url_build(entry.route, {k: world.value(rule.kwargs[k], entry) for k in entry.kwargs})
    with _budget(URL_BUDGET_SECONDS, f"{url} as {persona.name}"):
        client = world.client_for(persona)
        page = client.get(url)
        if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
            pytest.skip(f"GET gives {page.status_code} {page.get('Content-Type', '')}: no HTML page")
        forms = _new_forms(url, page, persona)
        if not forms:
            pytest.skip("no new POST form on this page")
        for action, form in forms:
            _post_all(world, persona, url, action, form)


def _new_forms(url: str, page, persona: am.Persona) -> list[tuple[str, dict]]:
    forms = []
    for form in forms_in(page.content.decode(errors="replace")):
        action = urljoin(url, html.unescape(form["action"]) or url)
        split = urlsplit(action)
        if split.netloc not in ("", "testserver"):
            continue
        try:
            resolve(split.path)
        except Resolver404:
            continue
        key = (_form_place(split.path), tuple(sorted(f["name"] for f in form["fields"])))
        if key in _FORMS_SEEN:
            continue
        _FORMS_SEEN.add(key)
        forms.append((action, form))
    return forms


def _form_place(path: str) -> str:
    """Where a form posts to, for posting each form once: the Django admin's generic pages (the delete
    confirmation, a changelist's action form) are one form each, whichever model they are for, when their fields
    are the same; every other form is its own URL."""
    match = resolve(path)
    if match.url_name and match.namespace == "admin" and match.url_name.rsplit("_", 1)[-1] in ADMIN_GENERIC_VIEWS:
        return "admin:" + match.url_name.rsplit("_", 1)[-1]
    return path


def _post(world, persona, page_url: str, action: str, data: dict, what: str):
    """POST in a savepoint rolled back after it; the response, where a redirect leads and the page again."""
    with transaction.atomic():
        client = world.client_for(persona)
        started = time.monotonic()
        response = client.post(action, data)
        what = f"POST {action} as {persona.name} ({what}, {time.monotonic() - started:.1f} s)"
        _assert_safe(response, what)
        if response.status_code in (301, 302, 303):
            location = urljoin(action, response["Location"])
            if urlsplit(location).netloc in ("", "testserver"):
                _assert_safe(client.get(location), f"GET {location} after {what}")
            # Something was stored: the form's page again, where stored text shows.
            _assert_safe(client.get(page_url), f"GET {page_url} again after {what}")
        transaction.set_rollback(True)
    return response


def _post_all(world, persona, page_url: str, action: str, form: dict) -> None:
    for what, data in _battery(form):
        response = _post(world, persona, page_url, action, data, what)
        if what in KEPT_CHECKED:
            _assert_typed_text_kept(response, action, persona, _typed(form, data))

    @settings(
        max_examples=HYPOTHESIS_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def mixed(data):
        values = _as_browser(form, lambda f, i: data.draw(hostile, label=f["name"]))
        _post(world, persona, page_url, action, values, f"hypothesis: {values!r:.300}")

    mixed()
