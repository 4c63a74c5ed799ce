"""Benchmark: Dutch full-text search over 10,000 knowledge pages on PostgreSQL, with filters and snippets.

Creates a throw-away test database ``<name>_bench_knowledge`` (migrations included), bulk-inserts N live
knowledge articles under the index (page rows with computed tree paths, then the page-type rows in one
statement each, then Wagtail's search index in batches: seconds, not the minutes of add_child per page),
and times `knowledge.selectors.knowledge_search` as the search page calls it: the visibility filter of an
anonymous visitor or a member, optional type/audience/theme filters, one result page and the highlighted
snippets (ts_headline). Prints p50/p95 per kind of query and overall; target p95 < 100 ms.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/drakentemmers .venv/bin/python benchmarks/knowledge_search.py \
     [--pages 10000] [--searches 300]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drakentemmers.settings")

TARGET_P95_MS = 100
WORDS = [
    "behandeling",
    "behandelingen",
    "trauma",
    "traumatische",
    "gehechtheid",
    "kinderen",
    "kind",
    "ouder",
    "ouders",
    "moeder",
    "vader",
    "opvang",
    "vrouwenopvang",
    "geweld",
    "huiselijk",
    "mishandeling",
    "veiligheid",
    "stabilisatie",
    "emdr",
    "cognitieve",
    "gedragstherapie",
    "psycho-educatie",
    "angst",
    "slaap",
    "herinnering",
    "loyaliteit",
    "pleger",
    "slachtoffer",
    "gezin",
    "jeugd",
    "jongeren",
    "volwassenen",
    "nazorg",
    "ambulant",
    "richtlijn",
    "onderzoek",
    "effect",
    "interventie",
    "methode",
    "signalen",
    "verwijzing",
    "wachttijd",
    "netwerk",
    "supervisie",
    "intervisie",
    "casuïstiek",
    "herstel",
    "vertrouwen",
    "school",
    "hechting",
    "ontwikkeling",
    "regulatie",
    "spel",
    "therapie",
]
QUERIES = {
    "one word": ["trauma", "behandelingen", "gehechtheid", "opvang", "loyaliteit", "nazorg", "slaap"],
    "two words": ["trauma kinderen", "emdr volwassenen", "veiligheid opvang", "gezin herstel", "angst slaap"],
    "phrase-like": ["behandeling van kinderen na huiselijk geweld", "cognitieve gedragstherapie bij jongeren"],
    "rare / none": ["zeldzaamwoord", "xylofoon"],
}


def _pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


# Ordinary words around the domain terms: each domain term is in roughly a fifth of the pages, as in a real
# knowledge base (a text of only domain terms would put every term in every page).
SYLLABLES = [
    "be",
    "ge",
    "ver",
    "ont",
    "de",
    "het",
    "een",
    "van",
    "and",
    "op",
    "in",
    "wer",
    "king",
    "heid",
    "lijk",
    "sel",
    "ing",
    "en",
    "aar",
    "tie",
    "zaam",
    "baar",
    "ma",
    "to",
    "ri",
]
FILLER = sorted({"".join(random.Random(i).choices(SYLLABLES, k=3)) for i in range(4000)})
DOMAIN_SHARE = 0.04


def _text(rng: random.Random, n: int) -> str:
    words = (rng.choice(WORDS) if rng.random() < DOMAIN_SHARE else rng.choice(FILLER) for _ in range(n))
    return " ".join(words).capitalize() + "."


def _pages_create(n: int) -> None:
    import json

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone
    from treebeard.numconv import NumConv
    from wagtail.models import Locale, Page
    from wagtail.search.backends import get_search_backend

    from drakentemmers.knowledge import selectors, services
    from drakentemmers.knowledge.models import KnowledgeArticlePage

    services.knowledge_site_ensure()
    index = selectors.knowledge_index()
    content_type = ContentType.objects.get_for_model(KnowledgeArticlePage)
    locale = Locale.objects.get(language_code="nl")
    rng = random.Random(19)
    conv = NumConv(Page.alphabet)
    now = timezone.now()
    visibilities = ["public", "public", "logged_in", "members"]
    audiences = ["therapists", "professionals", "public"]
    pages = []
    for i in range(n):
        title = _text(rng, 6)[:200]
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=f"bench-{i}",
                content_type=content_type,
                path=index.path + conv.int2str(i + 1).rjust(Page.steplen, "0"),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}bench-{i}/",
                locale=locale,
                live=True,
                first_published_at=now,
                last_published_at=now,
                translation_key=__import__("uuid").uuid4(),
            )
        )
    Page.objects.bulk_create(pages, batch_size=2000)
    ids = list(Page.objects.filter(content_type=content_type, slug__startswith="bench-").values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO knowledge_knowledgepage (page_ptr_id, intro, body, audience, visibility) "
            "VALUES (%s, %s, %s, %s, %s)",
            [
                (
                    pk,
                    _text(rng, 20),
                    json.dumps([{"type": "paragraph", "value": f"<p>{_text(rng, 120)}</p>", "id": str(pk)}]),
                    rng.choice(audiences),
                    rng.choice(visibilities),
                )
                for pk in ids
            ],
        )
        cursor.executemany(
            "INSERT INTO knowledge_knowledgearticlepage (knowledgepage_ptr_id, source_note) VALUES (%s, '')",
            [(pk,) for pk in ids],
        )
    Page.objects.filter(pk=index.pk).update(numchild=n)
    backend = get_search_backend()
    queryset = KnowledgeArticlePage.objects.filter(pk__in=ids)
    for start in range(0, len(ids), 1000):
        backend.add_bulk(KnowledgeArticlePage, list(queryset.filter(pk__in=ids[start : start + 1000])))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # what autovacuum does after a bulk load; without it the planner guesses 1 row


def _run(pages: int, searches: int) -> int:
    from django.db import connection

    from drakentemmers.accounts.models import Role
    from drakentemmers.accounts.tests.factories import make_user
    from drakentemmers.knowledge import selectors
    from drakentemmers.knowledge.selectors import Filters

    started = time.perf_counter()
    _pages_create(pages)
    print(f"{pages} pages created and indexed in {time.perf_counter() - started:.1f} s ({connection.vendor})")
    from django.contrib.auth.models import AnonymousUser

    viewers = {"anonymous": AnonymousUser(), "member": make_user(Role.EDITOR, mfa=True)}
    filter_sets = [{}, {"type": "artikel"}, {"audience": "therapists"}, {"type": "artikel", "audience": "public"}]
    rng = random.Random(7)
    timings: dict[str, list[float]] = {kind: [] for kind in QUERIES}
    for _ in range(5):  # warm-up
        selectors.knowledge_search(viewer=viewers["anonymous"], filters=Filters(query="trauma"))
    if os.environ.get("BENCH_EXPLAIN"):
        timed = []

        def _timer(execute, sql, params, many, context):
            t0 = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                timed.append(((time.perf_counter() - t0) * 1000, sql[:1200]))

        with connection.execute_wrapper(_timer):
            selectors.knowledge_search(viewer=viewers["member"], filters=Filters(query="trauma kinderen"))
        for ms, sql in timed:
            print(f"{ms:.1f} ms: {sql}")
    for i in range(searches):
        kind = list(QUERIES)[i % len(QUERIES)]
        query = rng.choice(QUERIES[kind])
        viewer = viewers[rng.choice(list(viewers))]
        filters = Filters(query=query, **rng.choice(filter_sets))
        t0 = time.perf_counter()
        listing = selectors.knowledge_search(viewer=viewer, filters=filters)
        listing.results.paginator.count  # noqa: B018 - the page shows the count
        timings[kind].append((time.perf_counter() - t0) * 1000)
    everything = [t for values in timings.values() for t in values]
    print(f"{'query kind':<14} {'n':>5} {'p50 ms':>8} {'p95 ms':>8}")
    for kind, values in timings.items():
        print(f"{kind:<14} {len(values):>5} {_pct(values, 50):>8.1f} {_pct(values, 95):>8.1f}")
    p95 = _pct(everything, 95)
    print(
        f"{'all':<14} {len(everything):>5} {_pct(everything, 50):>8.1f} {p95:>8.1f}  (target p95 < {TARGET_P95_MS} ms)"
    )
    return 0 if p95 < TARGET_P95_MS else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10000)
    parser.add_argument("--searches", type=int, default=300)
    options = parser.parse_args()
    if "postgres" not in os.environ.get("DATABASE_URL", ""):
        os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/drakentemmers"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"]["NAME"] = f"{old_name}_bench_knowledge"
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        return _run(options.pages, options.searches)
    finally:
        if not os.environ.get("BENCH_KEEP"):  # keep the database to EXPLAIN queries by hand
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
