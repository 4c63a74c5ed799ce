"""One tone: every Dutch translation of the project says "je", never the formal "u" or "uw"."""

import re
from pathlib import Path

from django.utils import translation

APPS = Path(__file__).resolve().parent.parent
FORMAL = re.compile(r"(?<![\w'’-])(u|uw|U|Uw)(?![\w'’-])")


def _translations(path: Path):
    """(msgid, msgstr) pairs of a .po file, continuation lines joined; the header entry left out."""
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        msgid, msgstr, current = [], [], None
        for line in block.splitlines():
            if line.startswith("msgid"):
                current = msgid
            elif line.startswith("msgstr"):
                current = msgstr
            elif not line.startswith('"'):
                current = None
                continue
            if current is not None:
                current.append(line[line.index('"') + 1 : line.rindex('"')])
        if "".join(msgid):
            yield "".join(msgid), "".join(msgstr)


def test_no_dutch_translation_uses_the_formal_u():
    catalogues = sorted(APPS.glob("*/locale/nl/LC_MESSAGES/django.po"))
    assert len(catalogues) > 10
    formal = [
        f"{path.relative_to(APPS)}: {text}"
        for path in catalogues
        for _msgid, text in _translations(path)
        if FORMAL.search(text)
    ]
    assert formal == []


def test_the_candidates_form_speaks_with_je():
    with translation.override("nl"):
        assert translation.gettext("Choose whom to invite") == "Kies wie je uitnodigt"
        assert translation.gettext("Your changes are saved.") == "Je wijzigingen zijn opgeslagen."
