"""Regular-expression detectors for structured identifiers (no model needed).

Every detector yields ``Candidate`` objects; ``scan_text`` in ``__init__`` resolves overlaps.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    kind: str
    start: int
    end: int
    priority: int


# Higher wins when two candidates overlap.
PRIORITY = {
    "email": 95,
    "url": 94,
    "iban": 90,
    "bsn": 88,
    "phone": 85,
    "licence_plate": 80,
    "postcode": 75,
    "address": 74,
    "birthdate": 70,
    "social_handle": 65,
    "file_number": 60,
    "name": 50,
}


def _cand(kind: str, start: int, end: int) -> Candidate:
    return Candidate(kind, start, end, PRIORITY[kind])


# ---------------------------------------------------------------------------
# BSN (citizen service number) -- 11-proof
# ---------------------------------------------------------------------------

_BSN_RE = re.compile(r"(?<![\w.,/+-])(\d(?:[ .-]?\d){7,8})(?![\w]|[.,-]\d)")
_DATE_LIKE_RE = re.compile(r"^(0?[1-9]|[12]\d|3[01])[-/. ](0?[1-9]|1[0-2])[-/. ](19|20)\d\d$")


def is_valid_bsn(digits: str) -> bool:
    """11-proof check on a string of 8 or 9 digits (8 digits: a leading zero was dropped)."""
    if not digits.isdigit() or len(digits) not in (8, 9):
        return False
    digits = digits.zfill(9)
    if digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def find_bsn(text: str) -> Iterator[Candidate]:
    for m in _BSN_RE.finditer(text):
        raw = m.group(1)
        if _DATE_LIKE_RE.match(raw):
            continue
        seps = {c for c in raw if not c.isdigit()}
        if len(seps) > 1:  # mixed separators ("12-34 56.782") are almost never a BSN
            continue
        digits = re.sub(r"\D", "", raw)
        if is_valid_bsn(digits):
            yield _cand("bsn", m.start(1), m.end(1))


# ---------------------------------------------------------------------------
# Phone numbers
# ---------------------------------------------------------------------------

_PHONE_RE = re.compile(
    r"(?<![\w+])((?:\+|00)\s?\d{2,3}[\s.-]?(?:\(0\)\s?)?|\(?0)(\d[\d\s().-]{6,16}\d)(?![\w]|[-.]\d)",
)
_SERVICE_PREFIXES = ("800", "900", "906", "909")  # free / paid service numbers identify no person


def find_phone(text: str) -> Iterator[Candidate]:
    for m in _PHONE_RE.finditer(text):
        prefix, rest = m.group(1), m.group(2)
        rest_digits = re.sub(r"\D", "", rest)
        if re.search(r"\d\s{2,}\d|\)\s*\(", rest):
            continue
        prefix_digits = re.sub(r"\D", "", prefix)
        if prefix.lstrip("(").startswith("0") and not prefix.startswith("00"):
            national = rest_digits  # without the leading zero
            ok = len(national) == 9
        elif prefix_digits.endswith("31") and len(prefix_digits) in (2, 4):
            national = rest_digits.removeprefix("0") if prefix.count("(") == 0 else rest_digits
            ok = len(national) == 9
        else:
            national = rest_digits
            ok = 7 <= len(national) <= 11
        if not ok or national.startswith(_SERVICE_PREFIXES):
            continue
        if _DATE_LIKE_RE.match(m.group(0)):
            continue
        yield _cand("phone", m.start(), m.end())
    yield from _find_dodged_phone(text)


# Typed to dodge a filter: one digit at a time ("0 6 1 2 3 4 5 6 7 8") or in words ("nul zes een twee ...").
_SPACED_PHONE_RE = re.compile(r"(?<![\w+])0(?:[ .]\d){9}(?![\w]|[ .]\d)")
_DIGIT_WORDS = r"(?:nul|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)"
_WORDED_PHONE_RE = re.compile(rf"\bnul(?:[\s,-]+{_DIGIT_WORDS}){{9}}\b", re.IGNORECASE)


def _find_dodged_phone(text: str) -> Iterator[Candidate]:
    for regex in (_SPACED_PHONE_RE, _WORDED_PHONE_RE):
        for m in regex.finditer(text):
            yield _cand("phone", m.start(), m.end())


# ---------------------------------------------------------------------------
# E-mail, URLs and social media handles
# ---------------------------------------------------------------------------

_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
_SOCIAL_DOMAINS = (
    r"instagram\.com|facebook\.com|fb\.com|m\.facebook\.com|tiktok\.com|twitter\.com|x\.com|snapchat\.com|"
    r"linkedin\.com|youtube\.com|youtu\.be|threads\.net|t\.me|wa\.me|pinterest\.\w+|reddit\.com|"
    r"discord\.gg|twitch\.tv|onlyfans\.com|vinted\.\w+|marktplaats\.nl"
)
_SOCIAL_URL_RE = re.compile(
    rf"(?:https?://)?(?:www\.)?(?:{_SOCIAL_DOMAINS})/[^\s<>\"')]+",
    re.IGNORECASE,
)
# Any other URL with a path that mentions a profile-ish segment.
_PROFILE_URL_RE = re.compile(r"https?://[^\s<>\"']+/(?:user|profile|u|@)[^\s<>\"')]*", re.IGNORECASE)
_HANDLE_RE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}(?<!\.)")
_SOCIAL_LABEL_RE = re.compile(
    r"\b(?:insta(?:gram)?|ig|snap(?:chat)?|tiktok|tik\s?tok|fb|facebook|twitter|telegram|discord|threads|"
    r"youtube|twitch)\b\s*(?:account|naam|name|handle|profiel)?\s*(?::|=|als|is|heet|genaamd)?\s*"
    r"(@?[A-Za-z0-9_][A-Za-z0-9_.]{2,29}(?<!\.))",
    re.IGNORECASE,
)
_HANDLE_STOPWORDS = frozenset(
    [
        "en",
        "of",
        "de",
        "het",
        "een",
        "via",
        "op",
        "in",
        "met",
        "voor",
        "van",
        "is",
        "was",
        "heeft",
        "gaat",
        "contact",
        "berichten",
        "bericht",
        "gezien",
        "account",
        "gestalkt",
        "bedreigd",
        "gevolgd",
        "gezet",
        "geplaatst",
        "zag",
        "ziet",
        "foto",
        "foto's",
        "filmpjes",
        "video's",
        "stuurt",
        "stuurde",
    ]
)


# Addresses typed to dodge a filter: "naam [at] domein.nl", "naam (at) domein punt nl", "naam apenstaartje
# domein.nl", "naam at domein dot nl". A bare "at"/"punt" only counts between an address-shaped local part and a
# domain that ends in a top-level domain, so ordinary Dutch text does not match.
_AT_SEP = (
    r"\s*(?:@|[\[({<]\s*(?:at|a|@|apenstaartje)\s*[\])}>])\s*"
    r"|\s+(?:at|AT|apenstaartje|apestaartje|apenstaart)\s+"
)
_DOT_SEP = r"\s*(?:\.|[\[({<]\s*(?:dot|punt|\.)\s*[\])}>])\s*|\s+(?:dot|DOT|punt|PUNT)\s+"
_TLD = r"(?:nl|com|net|org|be|eu|de|info|nu|biz|co\.uk|uk|fr|es|it|io|me|online|email|live)"
_DODGED_EMAIL_RE = re.compile(
    rf"(?<![\w.+-])[\w.+-]*\w(?:{_AT_SEP})[\w-]+(?:(?:{_DOT_SEP})[\w-]+)*?(?:{_DOT_SEP}){_TLD}(?![\w])",
    re.IGNORECASE,
)
# One character at a time: "n a a m @ d o m e i n . n l".
_SPACED_EMAIL_RE = re.compile(r"(?<!\S)(?:[\w.+-] ){2,}@(?: [\w.-]){3,}(?!\S)")


def find_email(text: str) -> Iterator[Candidate]:
    for m in _EMAIL_RE.finditer(text):
        yield _cand("email", m.start(), m.end())
    for m in _DODGED_EMAIL_RE.finditer(text):
        yield _cand("email", m.start(), m.end())
    for m in _SPACED_EMAIL_RE.finditer(text):
        if _EMAIL_RE.fullmatch(m.group().replace(" ", "")):
            yield _cand("email", m.start(), m.end())


def find_url(text: str) -> Iterator[Candidate]:
    for regex in (_SOCIAL_URL_RE, _PROFILE_URL_RE):
        for m in regex.finditer(text):
            end = m.end()
            while end > m.start() and text[end - 1] in ".,;:!?":
                end -= 1
            yield _cand("url", m.start(), end)


def find_social_handle(text: str) -> Iterator[Candidate]:
    for m in _HANDLE_RE.finditer(text):
        yield _cand("social_handle", m.start(), m.end())
    for m in _SOCIAL_LABEL_RE.finditer(text):
        handle = m.group(1)
        has_marker = handle.startswith("@") or any(c.isdigit() or c in "_." for c in handle)
        explicit = re.search(r"(?::|=|account|naam|name|handle|profiel|heet|genaamd)\s*@?[\w.]+$", m.group(0), re.I)
        if handle.lower().lstrip("@") in _HANDLE_STOPWORDS:
            continue
        if has_marker or explicit:
            yield _cand("social_handle", m.start(1), m.end(1))


# ---------------------------------------------------------------------------
# IBAN
# ---------------------------------------------------------------------------

_IBAN_RE = re.compile(r"\b([A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?)\b", re.IGNORECASE)
_NL_IBAN_RE = re.compile(r"^NL\d{2}[A-Z]{4}\d{10}$", re.IGNORECASE)


def is_valid_iban(value: str) -> bool:
    """ISO 13616 mod-97 check (spaces allowed)."""
    iban = re.sub(r"\s", "", value).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", iban):
        return False
    if iban.startswith("NL") and len(iban) != 18:
        return False
    rearranged = iban[4:] + iban[:4]
    number = "".join(str(int(c, 36)) for c in rearranged)
    return int(number) % 97 == 1


def find_iban(text: str) -> Iterator[Candidate]:
    for m in _IBAN_RE.finditer(text):
        value = m.group(1)
        compact = re.sub(r"\s", "", value)
        # A Dutch-shaped IBAN is flagged even with a typo in the checksum: it still points to one person.
        if is_valid_iban(compact) or _NL_IBAN_RE.match(compact):
            yield _cand("iban", m.start(1), m.end(1))


# ---------------------------------------------------------------------------
# Postcode and street address
# ---------------------------------------------------------------------------

_POSTCODE_RE = re.compile(
    r"(?<![\w-])([1-9]\d{3}(?: ?[A-Z]{2}|[a-z]{2})|[1-9]\d{3} [a-z]{2}(?=\s*,?\s*(?:\d|[A-Z][a-z]))"
    r")(?![\w])"
    r"(?:\s*,?\s*(\d{1,5}(?:\s?[a-zA-Z])?)\b)?"
)
_POSTCODE_LETTER_BLOCKLIST = frozenset(
    [
        "SA",
        "SD",
        "SS",
        "VT",
        "GZ",
        "KG",
        "MG",
        "KM",
        "CM",
        "ML",
        "MM",
        "GR",
        "JR",
        "NU",
        "EN",
        "OP",
        "IN",
        "OF",
        "OM",
        "TE",
        "AL",
        "ZO",
        "ZE",
        "WE",
        "JE",
        "ER",
        "NA",
        "ME",
        "UW",
        "ON",
        "DE",
        "HE",
    ]
)
_STREET_SUFFIX = (
    r"straat|str|laan|ln|weg|wg|plein|pln|gracht|kade|dijk|dyk|singel|hof|pad|dreef|steeg|park|markt|erf|baan|"
    r"wal|ring|hoven|veld|polder|kamp|plantsoen|boulevard|dam|burg|haven|zijde|oord|hoek|donk|heuvel|akker|"
    r"straatje|allee|lei|wijk|vliet|water|vaart|dreef|pleintje|passage|promenade|driehoek|bosch|rode"
)
_HOUSE_NUMBER = r"\d{1,5}(?:\s?[a-zA-Z](?![\w-])|-\d{1,4}|\s?-?(?:hs|bis|zw|rd|I{1,3})\b)?"
_ADDRESS_RE = re.compile(
    rf"(?<![\w-])((?:[A-Za-zÀ-ÿ'][\wÀ-ÿ'.-]*\s)?[A-Za-zÀ-ÿ'][\wÀ-ÿ'-]*?(?:{_STREET_SUFFIX}))\.?\s+"
    rf"(?:nr\.?\s?|nummer\s)?({_HOUSE_NUMBER})(?![\w])(?!\s?(?:jaar|jr|maanden|weken|dagen|uur|keer|min|%|kinderen))",
    re.IGNORECASE,
)
_ADDRESS_PREFIX_STREET_RE = re.compile(
    rf"(?<![\w-])((?:laan|plein|weg|kade|gracht|hof|dreef|singel|park|straat|dijk|burgemeester|prins|prinses|"
    rf"koning|koningin|graaf|president|dokter|dr\.?|pastoor|generaal|sint|st\.)\s+"
    rf"(?:(?:van|der|de|den|het|'t|op|ter|ten|in|aan)\s+){{0,3}}[A-Za-zÀ-ÿ][\wÀ-ÿ'-]+(?:\s[A-Z][\wÀ-ÿ'-]+)?)\s+"
    rf"({_HOUSE_NUMBER})(?![\w])(?!\s?(?:jaar|jr|maanden|weken|dagen|uur|keer|min|%|kinderen))",
    re.IGNORECASE,
)
# Words that end like a street but are not one ("leeftijd 12" is not a street).
_NOT_STREET = frozenset(
    [
        "week",
        "weg",
        "werkweg",
        "levensweg",
        "hulpverleningsweg",
        "ontwikkelingsweg",
        "vaarweg",
        "snelweg",
        "zijweg",
        "via",
        "ring",
        "fase",
        "groep",
        "stap",
        "les",
        "hoofdstuk",
        "artikel",
        "kamer",
        "pagina",
        "nummer",
        "sessie",
        "module",
        "blok",
        "jaar",
        "periode",
        "onderweg",
        "halverwege",
        "parkeerplaats",
        "dam",
        "bewijs",
        "dijk",
        "erf",
        "park",
        "ring",
        "hof",
        "markt",
        "water",
        "vaart",
        "wal",
        "rode",
        "oord",
        "hoek",
        "haven",
        "burg",
        "veld",
        "akker",
        "polder",
        "kamp",
        "baan",
        "lei",
        "allee",
        "donk",
        "heuvel",
        "wijk",
        "vliet",
        "straat",
        "laan",
        "plein",
        "kade",
        "pad",
        "steeg",
        "gracht",
        "singel",
        "gevaar",
        "toekomst",
        "eerst",
        "sinds",
        "zelfs",
        "woonwijk",
        "weg",
        "buurt",
        "arbeidsmarkt",
        "ziekenhuis",
    ]
)


_POSTCODE_CONTEXT_RE = re.compile(r"\b(?:postcode|pc)\b[^\n\d]{0,20}?([1-9]\d{3} ?[a-zA-Z]{2})(?![\w])", re.IGNORECASE)


def find_postcode(text: str) -> Iterator[Candidate]:
    for m in _POSTCODE_CONTEXT_RE.finditer(text):
        yield _cand("postcode", m.start(1), m.end(1))
    for m in _POSTCODE_RE.finditer(text):
        letters = m.group(1)[-2:].upper()
        if letters in _POSTCODE_LETTER_BLOCKLIST:
            continue
        end = m.end(2) if m.group(2) else m.end(1)
        yield _cand("postcode", m.start(1), end)


def find_address(text: str) -> Iterator[Candidate]:
    for regex in (_ADDRESS_RE, _ADDRESS_PREFIX_STREET_RE):
        for m in regex.finditer(text):
            street = m.group(1)
            words = street.split()
            last = words[-1].lower().rstrip(".")
            if last in _NOT_STREET and regex is _ADDRESS_RE:
                # The optional first word may carry the street name ("Van Hallstraat"): only the suffix is bare.
                continue
            start = m.start(1)
            if len(words) == 2 and regex is _ADDRESS_RE and words[0][:1].islower() and words[0].lower() in _GLUE:
                start += len(words[0]) + 1
            yield _cand("address", start, m.end(2))


_GLUE = frozenset(
    ["op", "aan", "in", "de", "het", "een", "van", "bij", "naar", "uit", "te", "nabij", "richting", "via"]
)


# ---------------------------------------------------------------------------
# Dates of birth
# ---------------------------------------------------------------------------

_MONTHS = (
    r"januari|jan|februari|feb|febr|maart|mrt|april|apr|mei|juni|jun|juli|jul|augustus|aug|september|sept|sep|"
    r"oktober|okt|oct|november|nov|december|dec"
)
_DATE_RE = re.compile(
    rf"(?<![\w/.-])(?:"
    rf"(?P<d1>0?[1-9]|[12]\d|3[01])\s?(?P<s1>[-/.])\s?(?P<m1>0?[1-9]|1[0-2])\s?(?P=s1)\s?(?P<y1>(?:19|20)\d\d|'?\d\d)"
    rf"|(?P<y2>(?:19|20)\d\d)(?P<s2>[-/.])(?P<m2>0?[1-9]|1[0-2])(?P=s2)(?P<d2>0?[1-9]|[12]\d|3[01])"
    rf"|(?P<d3>0?[1-9]|[12]\d|3[01])(?:e|ste|de)?\s?(?P<m3>{_MONTHS})\.?(?:\s?(?P<y3>(?:19|20)\d\d|'\d\d))?"
    rf")(?![\w/-]|\.\d)",
    re.IGNORECASE,
)
_BIRTH_CONTEXT_RE = re.compile(
    r"(?:\bgeb(?:oren)?\b\.?|\bgeboortedatum\b|\bgeb\.?\s?datum\b|\bgeboren\s+(?:op|in)?|\bd\.?o\.?b\b\.?|"
    r"\bdate of birth\b|\bborn\b|\bjarig\s+op\b|\bverjaardag\b|\bgeboorte\b|\bgebd\b\.?|\bgb\b\.?|\bgd\b\.?|"
    r"\*|°)"
    r"[\s:.,()=-]*(?:op|in|on|is|:)?[\s:]*$",
    re.IGNORECASE,
)
# An exact date right after these words is an event (appointment, report, move), not a birthday.
_EVENT_CONTEXT_RE = re.compile(
    r"\b(?:op|sinds|vanaf|per|tot|t/m|tm|na|voor|v[oó]{1,2}r|rond|omstreeks|afspraak|melding|gemeld|incident|aangifte|"
    r"start|startdatum|begint|intake|gesprek|verhuisd|gevlucht|opgenomen|datum|uitgeschreven|ingeschreven|"
    r"zitting|rechtszaak|deadline|uiterlijk|beschikbaar|vrij|periode|tussen|en|t\.?m\.?|wachtlijst)\b"
    r"[\s:,]*(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\.?\s*)?$",
    re.IGNORECASE,
)
_BARE_DATE_MIN_AGE_YEARS = 2


def _year_of(m: re.Match[str]) -> int | None:
    raw = m.group("y1") or m.group("y2") or m.group("y3")
    if not raw:
        return None
    raw = raw.lstrip("'")
    if len(raw) == 2:
        value = int(raw)
        this_year = datetime.date.today().year % 100
        return 2000 + value if value <= this_year else 1900 + value
    return int(raw)


def find_birthdate(text: str) -> Iterator[Candidate]:
    this_year = datetime.date.today().year
    for m in _DATE_RE.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        year = _year_of(m)
        if _BIRTH_CONTEXT_RE.search(before):
            if year is None or year <= this_year:
                yield _cand("birthdate", m.start(), m.end())
            continue
        # A full date well in the past without an event word in front is almost always a date of birth.
        full_year = m.group("y1") or m.group("y2") or m.group("y3")
        if year is None or full_year is None or len(full_year.lstrip("'")) != 4:
            continue
        if year > this_year - _BARE_DATE_MIN_AGE_YEARS or _EVENT_CONTEXT_RE.search(before):
            continue
        yield _cand("birthdate", m.start(), m.end())


# ---------------------------------------------------------------------------
# File / client numbers
# ---------------------------------------------------------------------------

_FILE_CONTEXT = (
    r"dossier\s?(?:nummer|nr)?|dossiernr|dossier-?nr|cli[eë]nt(?:e)?\s?(?:nummer|nr|id|code)|cli[eë]ntnr|"
    r"pati[eë]nt\s?(?:nummer|nr|id)|registratie\s?(?:nummer|nr)|reg\.?\s?nr|kenmerk|referentie(?:nummer)?|"
    r"ref(?:\.|erentie)?\s?(?:nr|nummer)?|zaak\s?(?:nummer|nr)|zaaknr|meldingsnummer|melding\s?nr|"
    r"vt-?nummer|vt-?nr|casus\s?(?:nummer|nr)|casusnr|id\s?(?:nummer|nr)|klantnummer|klantnr|ons kenmerk|"
    r"uw kenmerk|nummer|nr|no|ID"
)
_FILE_CONTEXT_RE = re.compile(
    rf"\b(?:{_FILE_CONTEXT})\b\.?\s*[:#.]?\s*((?=[A-Z0-9/-]*\d{{3}})[A-Z0-9](?:[A-Z0-9/-]*[A-Z0-9])?)",
    re.IGNORECASE,
)
_FILE_SHAPE_RE = re.compile(
    r"(?<![\w-])(?:[A-Z]{2,5}[-/]\d{2,4}[-/]\d{3,7}|[A-Z]{2,5}-?\d{5,10}|\d{4}[-/]\d{5,8}|\d{7,12})(?![\w-])"
)


def find_file_number(text: str) -> Iterator[Candidate]:
    for m in _FILE_CONTEXT_RE.finditer(text):
        value = m.group(1)
        context = m.group(0)[: m.start(1) - m.start()].strip().lower()
        if context in {"nummer", "nr", "nr.", "no", "no.", "id"} and not re.search(r"\d{4,}", value):
            continue
        if re.fullmatch(r"(19|20)\d\d", value):  # a year, not an identifier
            continue
        yield _cand("file_number", m.start(1), m.end(1))
    for m in _FILE_SHAPE_RE.finditer(text):
        yield _cand("file_number", m.start(), m.end())


# ---------------------------------------------------------------------------
# Dutch licence plates (sidecodes 1-14)
# ---------------------------------------------------------------------------

_PLATE_SHAPES = (
    r"[A-Z]{2}-\d{2}-\d{2}",
    r"\d{2}-\d{2}-[A-Z]{2}",
    r"\d{2}-[A-Z]{2}-\d{2}",
    r"[A-Z]{2}-\d{2}-[A-Z]{2}",
    r"[A-Z]{2}-[A-Z]{2}-\d{2}",
    r"\d{2}-[A-Z]{2}-[A-Z]{2}",
    r"\d{2}-[A-Z]{3}-\d",
    r"\d-[A-Z]{3}-\d{2}",
    r"[A-Z]{2}-\d{3}-[A-Z]",
    r"[A-Z]-\d{3}-[A-Z]{2}",
    r"[A-Z]{3}-\d{2}-[A-Z]",
    r"[A-Z]-\d{2}-[A-Z]{3}",
    r"\d-[A-Z]{2}-\d{3}",
    r"\d{3}-[A-Z]{2}-\d",
)
_PLATE_RE = re.compile(rf"(?<![\w-])(?:{'|'.join(_PLATE_SHAPES)})(?![\w-])", re.IGNORECASE)
_PLATE_CONTEXT_RE = re.compile(r"\bkenteken(?:nummer)?\b\s*[:.]?\s*([A-Z0-9]{6}|[A-Z0-9-]{8})\b", re.IGNORECASE)


def find_licence_plate(text: str) -> Iterator[Candidate]:
    for m in _PLATE_RE.finditer(text):
        if m.group(0).upper() in {"TF-CBT", "MDA-12-AB"}:
            continue
        yield _cand("licence_plate", m.start(), m.end())
    for m in _PLATE_CONTEXT_RE.finditer(text):
        value = m.group(1)
        if re.search(r"\d", value) and re.search(r"[A-Za-z]", value):
            yield _cand("licence_plate", m.start(1), m.end(1))


PATTERN_DETECTORS = (
    find_email,
    find_url,
    find_social_handle,
    find_iban,
    find_bsn,
    find_phone,
    find_postcode,
    find_address,
    find_birthdate,
    find_file_number,
    find_licence_plate,
)
