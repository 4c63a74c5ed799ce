"""Name and street detection: Deduce's annotators plus context rules for names Deduce misses.

Deduce is case-sensitive and knows mostly Dutch names; care requests are typed in a hurry ("haar dochter
lina (7)", "zoon ahmed"). We therefore combine

* Deduce's raw name / street annotations (before its own merging and overlap resolution, so we can
  filter on the underlying tags), suppressed when they coincide with a place name, an organisation, a
  method named after a person, a language, nationality etc. (``vocab``);
* context rules: a title or relation word (mevrouw, dhr., zoon, dochter, cliënt ...) followed by a
  name-like word, in any case;
* a supplementary list of non-Dutch-origin first names matched case-insensitively;
* "word (age)" patterns such as "lina (7)".

Known organisation, place, region and method names (``allowlist``) remove name candidates they cover
completely, including the title or relation word that triggered the candidate; see ``allowlist`` for the rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import allowlist
from .model import Model
from .patterns import PRIORITY, Candidate
from .vocab import SAFE_WORDS, safe_spans

_DEDUCE_DISABLED = frozenset(
    {
        "dates",
        "ages",
        "identifiers",
        "phone_numbers",
        "email_addresses",
        "urls",
        "institutions",
        "post_processing",
        "person_annotation_converter",
        "remove_street_tags",
        "clean_street_tags",
        "patient_name",
        "postal_code",
        "postbus",
    }
)

_WORD_RE = re.compile(r"[^\W\d_](?:[\w'’]|-(?=[^\W\d_]))*")

TITLE_WORDS = frozenset(
    [
        "mevrouw",
        "mevr",
        "mw",
        "mvr",
        "mrs",
        "mevr.",
        "meneer",
        "mnr",
        "dhr",
        "heer",
        "mr",
        "mister",
        "miss",
        "ms",
        "fam",
        "familie",
        "wed",
        "weduwe",
    ]
)
RELATION_WORDS = frozenset(
    [
        "moeder",
        "vader",
        "zoon",
        "dochter",
        "zoontje",
        "dochtertje",
        "broer",
        "broertje",
        "zus",
        "zusje",
        "zuster",
        "kind",
        "kindje",
        "baby",
        "tweeling",
        "meisje",
        "jongen",
        "jongetje",
        "meid",
        "knul",
        "puber",
        "peuter",
        "kleuter",
        "baby'tje",
        "cliënt",
        "client",
        "cliënte",
        "cliente",
        "pleegkind",
        "pleegzoon",
        "pleegdochter",
        "pleegmoeder",
        "pleegvader",
        "stiefvader",
        "stiefmoeder",
        "stiefzoon",
        "stiefdochter",
        "halfbroer",
        "halfzus",
        "partner",
        "ex",
        "expartner",
        "ex-partner",
        "echtgenoot",
        "echtgenote",
        "man",
        "vrouw",
        "vriend",
        "vriendin",
        "oma",
        "opa",
        "tante",
        "oom",
        "neef",
        "nicht",
        "moeke",
        "mama",
        "mam",
        "papa",
        "pap",
        "mamma",
        "pappa",
        "kleinzoon",
        "kleindochter",
        "dader",
        "pleger",
        "slachtoffer",
        "verdachte",
        "buurman",
        "buurvrouw",
    ]
)
NAMING_WORDS = frozenset(["heet", "genaamd", "naam", "roepnaam", "bijnaam", "voornaam", "achternaam", "alias"])
_MODIFIERS = frozenset(
    [
        "haar",
        "zijn",
        "hun",
        "de",
        "het",
        "een",
        "kleine",
        "oudste",
        "jongste",
        "middelste",
        "oudere",
        "jongere",
        "eigen",
        "biologische",
        "2e",
        "3e",
        "tweede",
        "derde",
        "ex",
        "jonge",
        "andere",
    ]
)
# Words that often follow a relation word but are never names ("moeder heeft", "zoon van").
_NEVER_NAME = frozenset(
    [
        "heeft",
        "had",
        "is",
        "was",
        "wil",
        "wilde",
        "kan",
        "kon",
        "zal",
        "zou",
        "moet",
        "moest",
        "mag",
        "gaat",
        "ging",
        "komt",
        "kwam",
        "zit",
        "zat",
        "woont",
        "woonde",
        "weet",
        "zegt",
        "zei",
        "krijgt",
        "kreeg",
        "doet",
        "deed",
        "blijft",
        "bleef",
        "wordt",
        "werd",
        "lijkt",
        "vindt",
        "voelt",
        "durft",
        "slaapt",
        "praat",
        "spreekt",
        "en",
        "of",
        "maar",
        "want",
        "dus",
        "die",
        "dat",
        "wie",
        "wat",
        "waar",
        "hoe",
        "met",
        "zonder",
        "van",
        "voor",
        "naar",
        "bij",
        "uit",
        "in",
        "op",
        "aan",
        "om",
        "over",
        "door",
        "als",
        "nog",
        "niet",
        "wel",
        "ook",
        "al",
        "zelf",
        "erg",
        "heel",
        "zeer",
        "veel",
        "weinig",
        "vaak",
        "soms",
        "nu",
        "toen",
        "dan",
        "even",
        "graag",
        "ouder",
        "ouders",
        "kinderen",
        "gezin",
        "verzorger",
        "verzorgers",
        "thuis",
        "school",
        "groep",
        "klas",
        "jaar",
        "jaren",
        "maanden",
        "weken",
    ]
)
_PARTICLES = frozenset(["de", "van", "der", "den", "ten", "ter", "el", "al", "ben", "bin", "abu"])
_AGE_AFTER_RE = re.compile(r"\s*(?:\(\s*\d{1,2}\s*(?:jr|jaar|j|mnd|maanden)?\.?\s*\)|,\s*\d{1,2}\s*(?:jr|jaar|j)\b)")


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


class _Words:
    def __init__(self, text: str) -> None:
        self.matches = list(_WORD_RE.finditer(text))

    def after(self, index: int) -> re.Match[str] | None:
        return self.matches[index + 1] if index + 1 < len(self.matches) else None


def _is_name_like(word: str, model: Model, *, strict: bool) -> bool:
    """``strict``: the word must be a known first name; otherwise any non-vocabulary word qualifies."""
    low = word.lower()
    lex = model.lexicons
    if len(low) < 2 or low in SAFE_WORDS or low in _NEVER_NAME or low in TITLE_WORDS or low in RELATION_WORDS:
        return False
    if low in lex.first_names:
        return low not in lex.common_words or word[:1].isupper()
    if strict:
        return word[:1].isupper() and low not in lex.common_words
    return low not in lex.common_words


def _deduce_candidates(text: str, model: Model) -> tuple[list[tuple[Candidate, int]], list[tuple[int, int]]]:
    """Names and street addresses from Deduce, each with the start of its trigger (a title, else itself).

    Also returns Deduce's place-name spans.
    """
    doc = model.deduce.deidentify(text, disabled=set(_DEDUCE_DISABLED))
    names: list[tuple[int, int, str]] = []
    places: list[tuple[int, int]] = []
    out: list[tuple[Candidate, int]] = []
    for ann in doc.annotations:
        tag = ann.tag
        if tag.startswith("straat+huisnummer"):
            out.append((Candidate("address", ann.start_char, ann.end_char, PRIORITY["address"]), ann.start_char))
        elif tag in ("locatie", "straat", "pseudo_name"):
            places.append((ann.start_char, ann.end_char))
        elif any(part in tag for part in ("naam", "initiaal", "prefix", "interfix", "patient")):
            names.append((ann.start_char, ann.end_char, tag))
    lex = model.lexicons
    for start, end, tag in names:
        words = list(_WORD_RE.finditer(text, start, end))
        titled = "prefix" in tag
        trigger: int | None = None
        # Trim leading title / relation / common words ("Cliënt Jan de Vries" -> "Jan de Vries").
        while words and (
            words[0].group().lower() in TITLE_WORDS | RELATION_WORDS | SAFE_WORDS
            or words[0].group().lower().rstrip(".") in TITLE_WORDS
            or (
                len(words) > 1
                and words[0].group().lower() in lex.common_words
                and words[0].group().lower() not in _PARTICLES
                and "voornaam" not in tag
            )
        ):
            if words[0].group().lower().rstrip(".") in TITLE_WORDS:
                titled = True
                trigger = words[0].start()
            words.pop(0)
        if not words:
            continue
        n_start, n_end = words[0].start(), words[-1].end()
        tokens = [w.group().lower() for w in words]
        if all(t in SAFE_WORDS or t in _NEVER_NAME for t in tokens):
            continue
        if not titled:
            if _covered(n_start, n_end, places):
                continue
            if all(t in lex.common_words for t in tokens if t not in ("de", "van", "der", "den", "ten", "ter")):
                continue
            # A lone surname without a title ("Bakker", "Visser") is too often an ordinary word or author.
            if tag == "achternaam" and tokens[0] not in lex.first_names:
                continue
        out.append((Candidate("name", n_start, n_end, PRIORITY["name"]), n_start if trigger is None else trigger))
    return out, places


def _context_candidates(text: str, model: Model) -> Iterator[tuple[Candidate, int]]:
    """Names after a title, naming or relation word, each with the start of that word."""
    words = _Words(text)
    matches = words.matches
    lex = model.lexicons
    for i, m in enumerate(matches):
        low = m.group().lower()
        key = low.rstrip(".")
        if key in TITLE_WORDS or key in NAMING_WORDS or key in RELATION_WORDS:
            j = i + 1
            while j < len(matches) and matches[j].group().lower() in _MODIFIERS and j - i <= 3:
                j += 1
            if j >= len(matches):
                continue
            nxt = matches[j]
            gap = text[m.end() : nxt.start()]
            if "\n" in gap or len(gap) > 12 or re.search(r"[;!?]", gap):
                continue
            # "familie verblijft" is no name: after fam./familie the word must look like a surname.
            strict = key in RELATION_WORDS or key in {"fam", "familie"}
            word = nxt.group()
            # After a title we also accept surname particles ("mevrouw de boer", "dhr. van dijk").
            k = j
            if key in TITLE_WORDS | NAMING_WORDS:
                while k < len(matches) - 1 and matches[k].group().lower() in {"de", "van", "der", "den", "ten", "ter"}:
                    k += 1
                word = matches[k].group()
                if k > j and word.lower() not in _NEVER_NAME and word.lower() not in SAFE_WORDS:
                    yield Candidate("name", nxt.start(), matches[k].end(), PRIORITY["name"]), m.start()
                    continue
            if _is_name_like(word, model, strict=strict) or (
                strict and word.lower() in lex.surnames and word[:1].isupper() and word.lower() not in lex.common_words
            ):
                end = matches[k].end()
                follow = words.after(k)
                if follow is not None and text[end : follow.start()] == " ":
                    f_low = follow.group().lower()
                    surname_like = f_low in lex.surnames or follow.group()[:1].isupper()
                    vocabulary = f_low in lex.common_words or f_low in SAFE_WORDS or f_low in _NEVER_NAME
                    if surname_like and not vocabulary:
                        end = follow.end()
                yield Candidate("name", nxt.start(), end, PRIORITY["name"]), m.start()


def _lexicon_candidates(
    text: str, model: Model, safe: list[tuple[int, int]], known: list[tuple[int, int]]
) -> Iterator[Candidate]:
    lex = model.lexicons
    for m in _WORD_RE.finditer(text):
        word = m.group()
        low = word.lower()
        if low in SAFE_WORDS or low in _NEVER_NAME or _overlaps(m.start(), m.end(), safe):
            continue
        # Non-Dutch-origin first names, in any case ("ahmed", "Yonas"), unless part of a known name ("Enver").
        if (
            low in lex.extra_first_names
            and len(low) >= 3
            and low not in lex.common_words
            and not _covered(m.start(), m.end(), known)
        ):
            yield Candidate("name", m.start(), m.end(), PRIORITY["name"])
            continue
        # "lina (7)", "Daan, 9 jaar": a first name followed by an age.
        if low in lex.first_names and low not in lex.common_words and _AGE_AFTER_RE.match(text, m.end()):
            yield Candidate("name", m.start(), m.end(), PRIORITY["name"])


def _personal_name_test(model: Model):
    lex = model.lexicons
    return lambda word: word in lex.first_names or word in lex.surnames


def find_names_and_streets(text: str, model: Model) -> list[Candidate]:
    safe = safe_spans(text)
    known = allowlist.find_known_spans(text, is_personal_name=_personal_name_test(model))
    deduce_found, _places = _deduce_candidates(text, model)
    out: list[Candidate] = []
    for cand, trigger in deduce_found:
        if cand.kind == "name" and _covered(cand.start, cand.end, safe):
            # e.g. "Van der Kolk", "methode Wagner", "Den Haag"
            continue
        if cand.kind == "name" and _covered(trigger, cand.end, known):
            # e.g. "Zilveren Kruis", "Ipse de Bruggen", "FPC Dr. S. van Mesdag"; not "mevrouw Zwolle"
            continue
        out.append(cand)
    out.extend(cand for cand, trigger in _context_candidates(text, model) if not _covered(trigger, cand.end, known))
    out.extend(_lexicon_candidates(text, model, safe, known))
    return out
