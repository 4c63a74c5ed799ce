"""Reads of the knowledge base. Every list, search, feed and digest filters on the viewer's visibilities in the
database (permissions.visible_visibilities), so a members-only page never reaches a template for others."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils.html import escape, strip_tags
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Locale

from . import permissions
from .models import (
    Audience,
    KnowledgeArticlePage,
    KnowledgeIndexPage,
    KnowledgePage,
    MethodPage,
    NewsItemPage,
    ResearchSummaryPage,
    Theme,
    ToolPage,
)

PAGE_SIZE = 10
RELATED_COUNT = 3
FEED_SIZE = 30
SNIPPET_WORDS = 30
QUERY_MAX_LENGTH = 200
# The type filter's values (in URLs) and the models they stand for.
TYPES = {
    "artikel": KnowledgeArticlePage,
    "onderzoek": ResearchSummaryPage,
    "tool": ToolPage,
    "methode": MethodPage,
    "nieuws": NewsItemPage,
}


@dataclass(frozen=True)
class Filters:
    query: str = ""
    theme: str = ""  # theme slug
    audience: str = ""
    type: str = ""  # a key of TYPES

    @property
    def active(self) -> bool:
        return bool(self.theme or self.audience or self.type)


@dataclass
class Hit:
    page: KnowledgePage
    snippet: str = ""
    type_label: str = ""


@dataclass
class Listing:
    results: PaginatorPage
    hits: list[Hit] = field(default_factory=list)
    filters: Filters = field(default_factory=Filters)
    capped: bool = False  # more than RANK_CANDIDATES matches: the count shown is a lower bound


def filters_from(params) -> Filters:
    """Filters from a query string; unknown values are dropped (never an error)."""
    theme = (params.get("thema") or "").strip()[:100]
    audience = params.get("doelgroep") or ""
    kind = params.get("type") or ""
    return Filters(
        query=(params.get("q") or "").strip()[:QUERY_MAX_LENGTH],
        theme=theme if re.fullmatch(r"[-a-z0-9_]+", theme) else "",
        audience=audience if audience in Audience.values else "",
        type=kind if kind in TYPES else "",
    )


def filter_choices() -> dict:
    return {
        "themes": list(Theme.objects.values_list("slug", "name", "name_en")),
        "audiences": Audience.choices,
        "types": [(key, model._meta.verbose_name) for key, model in TYPES.items()],
    }


def knowledge_index() -> KnowledgeIndexPage:
    """The Dutch knowledge index (the site root), created by migration 0002."""
    return KnowledgeIndexPage.objects.filter(locale__language_code="nl").order_by("depth", "pk").first()


def _locale_filter() -> Q:
    """Pages in the active language; in English also the Dutch pages that have no English translation yet.

    By locale id, not language code: search filters may not join (they must be indexed fields).
    """
    active = (get_language() or "nl").split("-")[0]
    locales = dict(Locale.objects.values_list("language_code", "pk"))
    dutch = locales.get("nl")
    if active == "nl" or active not in locales:
        return Q(locale_id=dutch)
    translated = list(KnowledgePage.objects.filter(locale_id=locales[active]).values_list("translation_key", flat=True))
    return Q(locale_id=locales[active]) | (Q(locale_id=dutch) & ~Q(translation_key__in=translated))


def visible_pages(*, viewer) -> QuerySet[KnowledgePage]:
    """Live knowledge pages this viewer may read, in the active language."""
    return KnowledgePage.objects.live().filter(visibility__in=permissions.visible_visibilities(viewer))


def _filtered(queryset: QuerySet, filters: Filters) -> QuerySet:
    queryset = queryset.filter(_locale_filter())
    if filters.audience:
        queryset = queryset.filter(audience=filters.audience)
    if filters.type:
        queryset = queryset.type(TYPES[filters.type])
    if filters.theme:
        queryset = queryset.filter(themes__slug=filters.theme)
    return queryset


def _type_label(page: KnowledgePage) -> str:
    model = page.specific_class
    return str(model._meta.verbose_name) if model else ""


def knowledge_list(*, viewer, filters: Filters, page: int | str = 1) -> Listing:
    """The newest visible pages, filtered; one page of PAGE_SIZE."""
    queryset = (
        _filtered(visible_pages(viewer=viewer), filters).select_related("locale").order_by("-first_published_at", "-pk")
    )
    results = Paginator(queryset, PAGE_SIZE).get_page(page)
    hits = [Hit(page=item, snippet=escape(item.intro), type_label=_type_label(item)) for item in results]
    return Listing(results=results, hits=hits, filters=filters)


def knowledge_search(*, viewer, filters: Filters, page: int | str = 1) -> Listing:
    """Full-text search (Dutch stemming on PostgreSQL) over the visible pages, with highlighted snippets."""
    queryset = _filtered(visible_pages(viewer=viewer), filters)
    if filters.theme:
        # Search filters must be indexed fields: the theme join becomes a filter on page ids.
        queryset = visible_pages(viewer=viewer).filter(id__in=list(queryset.values_list("id", flat=True)[:10000]))
    if connection.vendor == "postgresql":
        found = RankedSearch(queryset, filters.query, page)
    else:
        found = _stem_search(queryset, filters.query)
    results = Paginator(found, PAGE_SIZE).get_page(page)
    pages = list(results.object_list)
    snippets = highlight(_indexed_texts(pages), filters.query)
    hits = [
        Hit(page=item, snippet=snippet, type_label=_type_label(item))
        for item, snippet in zip(pages, snippets, strict=True)
    ]
    capped = isinstance(found, RankedSearch) and found.capped
    return Listing(results=results, hits=hits, filters=filters, capped=capped)


# A common word matches thousands of pages. At most RANK_CANDIDATES matches, the most recently created (highest
# page id), are ranked (ts_rank reads each match's title and body vectors) and counted: beyond that the page says
# "more than 1,000" and asks for a word more.
RANK_CANDIDATES = 1000


class RankedSearch:
    """Wagtail's PostgreSQL full-text match and rank (its tsquery, ts_rank weights and title norm) in one
    statement of our own, a Paginator object list (count() and slicing):

    1. `matched`: the index entries the GIN index on (title || body) finds (migration 0003), with their page id
       as an integer (NULL if the text id is not one);
    2. `candidates`: those whose page the viewer may read, by primary key (`= ANY(ARRAY(...))`, an index scan
       of only the matched pages; Wagtail's join casts every page id to text and read all page rows), at
       most RANK_CANDIDATES + 1 of them, newest page id first (a LIMIT before ts_rank);
    3. the shown page: the candidates ranked, OFFSET/LIMIT, with the capped count in the same row, so the
       pager costs no second pass over the matches.
    """

    def __init__(self, queryset: QuerySet, query: str, page: int | str = 1):
        from modelsearch.backends.database.postgres.postgres import PostgresSearchQueryCompiler
        from wagtail.search.backends import get_search_backend
        from wagtail.search.models import IndexEntry

        self.queryset = queryset
        compiler = PostgresSearchQueryCompiler(queryset, query, operator="and")
        config = get_search_backend().config
        tsquery = compiler.build_tsquery(compiler.query, config=config)
        self._count: int | None = None
        self._rows: dict[tuple[int, int], list[int]] = {}
        try:
            self._page = max(1, int(page))
        except (TypeError, ValueError):
            self._page = 1
        if tsquery is None:
            self._sql = None
            return
        entries = IndexEntry.objects.all()
        sql_compiler = entries.query.get_compiler(connection=connection)
        tsquery_sql, tsquery_params = tsquery.resolve_expression(entries.query).as_sql(sql_compiler, connection)
        rank = compiler._build_rank_expression([(F("title"), F("title_norm")), (F("body"), 1.0)], config)
        rank_sql, rank_params = rank.resolve_expression(entries.query).as_sql(sql_compiler, connection)
        visible_sql, visible_params = queryset.order_by().values("pk").query.sql_with_params()
        table = connection.ops.quote_name(IndexEntry._meta.db_table)
        # Only compiled SQL (Django's, Wagtail's expressions, a constant) is interpolated; the query text and
        # every value are parameters.
        self._sql = (
            f"WITH matched AS MATERIALIZED ("  # noqa: S608  # nosec B608: compiled SQL only, values are parameters
            f" SELECT {table}.id AS entry_id, CASE WHEN {table}.object_id ~ '^[0-9]{{1,9}}$'"
            f" THEN {table}.object_id::integer END AS page_id FROM {table}"
            f" WHERE ({table}.title || {table}.body) @@ {tsquery_sql} AND {table}.content_type_id = ANY(%s)"
            f"), candidates AS MATERIALIZED ("
            f" SELECT matched.entry_id, matched.page_id FROM matched WHERE matched.page_id IN ("
            f"  SELECT visible.pk FROM ({visible_sql}) visible"
            f"  WHERE visible.pk = ANY(ARRAY(SELECT page_id FROM matched)))"
            f" ORDER BY matched.page_id DESC LIMIT {RANK_CANDIDATES + 1})"
            f" SELECT candidates.page_id, (SELECT count(*) FROM candidates)"
            f" FROM candidates JOIN {table} ON {table}.id = candidates.entry_id"
            f" ORDER BY {rank_sql} DESC, candidates.page_id DESC LIMIT %s OFFSET %s"
        )
        self._params = [
            *tsquery_params,
            list(get_descendants_content_types_pks(queryset.model)),
            *visible_params,
            *rank_params,
        ]

    def _fetch(self, start: int, stop: int) -> list[int]:
        if (start, stop) not in self._rows:
            with connection.cursor() as cursor:
                cursor.execute(self._sql, [*self._params, stop - start, start])
                rows = cursor.fetchall()
            self._rows[(start, stop)] = [page_id for page_id, _count in rows]
            if rows:
                self._count = rows[0][1]
        return self._rows[(start, stop)]

    def _matched_count(self) -> int:
        if self._count is None:
            if self._sql is None:
                self._count = 0
            else:
                # The page asked for, fetched now with its count; only a page past the end needs a second query.
                start = (self._page - 1) * PAGE_SIZE
                if not self._fetch(start, start + PAGE_SIZE) and self._count is None:
                    self._fetch(0, 1)
                    self._count = self._count or 0
        return self._count

    def count(self) -> int:
        return min(self._matched_count(), RANK_CANDIDATES)

    @property
    def capped(self) -> bool:
        return self._matched_count() > RANK_CANDIDATES

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[KnowledgePage]:
        if self._sql is None:
            return []
        start, stop = index.start or 0, min(index.stop, RANK_CANDIDATES)
        # The Paginator counted first (that fetched the asked page) and then slices up to the count: the last
        # page's slice is shorter than the one fetched, and its rows are already here.
        fetched = next((rows for (a, b), rows in self._rows.items() if a == start and b >= stop), None)
        ids = fetched[: stop - start] if fetched is not None else self._fetch(start, stop)
        pages = {page.pk: page for page in self.queryset.order_by().filter(pk__in=ids)}
        return [pages[pk] for pk in ids if pk in pages]


# Dutch inflections a light stemmer strips (plural -en/-s/-'s, diminutive -je(s)); longest first.
DUTCH_SUFFIXES = ("tjes", "jes", "tje", "'s", "en", "je", "s", "e")
STEM_MIN_LENGTH = 4


def dutch_stem_light(word: str) -> str:
    """'behandelingen' → 'behandeling', 'kinderen' → 'kinder', 'tools' → 'tool': enough for a substring match."""
    word = word.lower()
    for suffix in DUTCH_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= STEM_MIN_LENGTH:
            return word[: -len(suffix)]
    return word


def _stem_search(queryset: QuerySet, query: str) -> QuerySet:
    """Search without PostgreSQL (SQLite in development): every query word's light stem must occur in the
    indexed text. Wagtail's SQLite backend (FTS5) does not stem, so 'behandelingen' would not find
    'behandeling'; this does, at the cost of a scan that only a development database can afford."""
    from wagtail.search.models import IndexEntry

    entries = IndexEntry.objects.all()
    for word in re.findall(r"\w+", query)[:10]:
        stem = dutch_stem_light(word)
        entries = entries.filter(Q(body_text__icontains=stem) | Q(title_text__icontains=stem))
    ids = [int(pk) for pk in entries.values_list("object_id", flat=True) if pk.isdigit()]
    return queryset.filter(pk__in=ids).order_by("-first_published_at", "-pk")


def _indexed_texts(pages: list[KnowledgePage]) -> list[str]:
    """The text the search index holds for each page (intro, body and the type's own fields such as key
    findings), in one query; a page not indexed yet falls back to its intro and body."""
    from wagtail.search.models import IndexEntry

    rows = IndexEntry.objects.filter(object_id__in=[str(page.pk) for page in pages]).values_list(
        "object_id", "content_type_id", "body_text"
    )
    texts = {(object_id, type_id): text for object_id, type_id, text in rows}
    return [
        re.sub(r"\s+", " ", texts.get((str(page.pk), page.content_type_id)) or _plain_text(page)).strip()
        for page in pages
    ]


def _plain_text(page: KnowledgePage) -> str:
    parts = [page.intro]
    for block in page.body.raw_data if page.body else []:
        value = block.get("value")
        if isinstance(value, str):
            parts.append(strip_tags(value))
        elif isinstance(value, dict):
            parts.extend(strip_tags(str(v)) for v in value.values() if isinstance(v, str))
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def highlight(texts: list[str], query: str) -> list[str]:
    """A snippet per text with the query's words marked (<mark>); HTML-safe.

    PostgreSQL marks the words as its Dutch stemmer matched them (ts_headline), so 'behandelingen' marks
    'behandeling'. Elsewhere: words that share their first five letters with a query word.
    """
    if not texts:
        return []
    if connection.vendor == "postgresql":
        return _highlight_postgres(texts, query)
    return [_highlight_python(text, query) for text in texts]


def _highlight_postgres(texts: list[str], query: str) -> list[str]:
    options = f"StartSel=<mark>,StopSel=</mark>,MaxWords={SNIPPET_WORDS},MinWords=12,ShortWord=2,MaxFragments=2"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ts_headline('dutch', t, websearch_to_tsquery('dutch', %s), %s) "
            "FROM unnest(%s::text[]) WITH ORDINALITY AS u(t, i) ORDER BY i",
            [query, options, [escape(text) for text in texts]],
        )
        # The texts were escaped before PostgreSQL added the <mark> tags: safe to render (bandit reviewed).
        return [mark_safe(row[0]) for row in cursor.fetchall()]  # nosec


def _highlight_python(text: str, query: str) -> str:
    stems = {word[:5].lower() for word in re.findall(r"\w+", query) if len(word) > 1}
    words = text.split()
    first = next((i for i, word in enumerate(words) if re.sub(r"\W", "", word)[:5].lower() in stems), 0)
    start = max(0, first - 8)
    window = words[start : start + SNIPPET_WORDS]
    marked = [
        f"<mark>{escape(word)}</mark>" if re.sub(r"\W", "", word)[:5].lower() in stems else escape(word)
        for word in window
    ]
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_WORDS < len(words) else ""
    # Every word is escaped above; only our own <mark> tags are markup (bandit reviewed).
    return mark_safe(prefix + " ".join(marked) + suffix)  # nosec


def related_pages(*, page: KnowledgePage, viewer) -> list[KnowledgePage]:
    """Up to three visible pages sharing the most themes with this one (else the newest of the same audience)."""
    theme_ids = list(page.themes.values_list("id", flat=True)) if page.pk else []
    candidates = visible_pages(viewer=viewer).exclude(pk=page.pk).filter(_locale_filter())
    if theme_ids:
        related = list(
            candidates.filter(themes__in=theme_ids)
            .annotate(shared=Count("themes"))
            .order_by("-shared", "-first_published_at")[:RELATED_COUNT]
        )
        if related:
            return related
    return list(candidates.filter(audience=page.audience).order_by("-first_published_at")[:RELATED_COUNT])


@dataclass(frozen=True)
class RegionCount:
    name: str
    count: int


def method_offered_per_region(*, method_id: int) -> dict:
    """How many verified members offer the method, in total and per region of the reporting unit (2 queries)."""
    from drakentemmers.directory.models import TherapistProfile, VerificationStatus, WorkLocation
    from drakentemmers.regions.selectors import reporting_region_kind

    kind = reporting_region_kind()
    rows = (
        WorkLocation.objects.filter(
            therapist__status=VerificationStatus.VERIFIED,
            therapist__methods=method_id,
            municipality__regions__kind=kind,
        )
        .values("municipality__regions__name")
        .annotate(n=Count("therapist_id", distinct=True))
        .order_by("municipality__regions__name")
    )
    total = TherapistProfile.objects.filter(status=VerificationStatus.VERIFIED, methods=method_id).distinct().count()
    regions = [RegionCount(row["municipality__regions__name"], row["n"]) for row in rows]
    return {"total": total, "regions": regions}


def method_search_url(method_id: int) -> str:
    return f"{reverse('directory:search')}?{urlencode({'method': method_id})}"


def method_page_urls(*, method_ids, viewer) -> dict[int, str]:
    """{method id: URL of its method page} for the pages this viewer may read: a profile links to them."""
    rows = (
        MethodPage.objects.live()
        .filter(method_id__in=list(method_ids), visibility__in=permissions.visible_visibilities(viewer))
        .filter(_locale_filter())
        .order_by("pk")
    )
    urls: dict[int, str] = {}
    for page in rows:
        urls.setdefault(page.method_id, page.url)
    return urls


def new_items_since(*, viewer, since: datetime, limit: int) -> list[KnowledgePage]:
    """Pages first published after `since` that this viewer may read, newest first (the weekly digest)."""
    return list(
        visible_pages(viewer=viewer).filter(first_published_at__gt=since).order_by("-first_published_at")[:limit]
    )


def feed_items() -> list[KnowledgePage]:
    """The newest public pages (the RSS/Atom feed is anonymous by nature: public items only)."""
    return list(KnowledgePage.objects.live().filter(visibility="public").order_by("-first_published_at")[:FEED_SIZE])


def document_readable(*, user, document) -> bool:
    """A document may be downloaded by editors, and by whoever may read a live page that uses it.

    "Uses" is read from the live content (the page row), never from a draft: a tool's file field, or a
    document block in a page's body (found through Wagtail's reference index, then checked in the body).
    """
    if permissions.can_edit_knowledge(user) and permissions.is_member(user):
        return True
    visible = visible_pages(viewer=user)
    if (
        ToolPage.objects.live()
        .filter(document=document, visibility__in=permissions.visible_visibilities(user))
        .exists()
    ):
        return True
    from wagtail.models import ReferenceIndex

    referencing = ReferenceIndex.get_references_to(document).values_list("object_id", flat=True)
    candidate_ids = [int(pk) for pk in referencing if str(pk).isdigit()]
    for page in visible.filter(pk__in=candidate_ids):
        for block in page.body.raw_data if page.body else []:
            value = block.get("value")
            if isinstance(value, dict) and value.get("document") == document.pk:
                return True
            if isinstance(value, str) and _links_document(value, document.pk):
                return True
    # A published content page (about, privacy...) is public: a file it links to is too.
    from .models import ContentPage

    for body in ContentPage.objects.filter(live=True, body__contains='linktype="document"').values_list(
        "body", flat=True
    ):
        if _links_document(body, document.pk):
            return True
    return False


_LINK_TAG = re.compile(r"<a\b[^>]*>", re.IGNORECASE)


def _links_document(rich_text: str, document_id: int) -> bool:
    """Whether Wagtail's stored rich text links to the document (<a linktype="document" id="N">, any order)."""
    for tag in _LINK_TAG.findall(rich_text):
        if 'linktype="document"' in tag and re.search(rf'\bid="{document_id}"', tag):
            return True
    return False


def default_locale() -> Locale:
    return Locale.get_default()


def content_page(key: str, language: str) -> dict | None:
    """The published editors' text of a core content page (core.registries provider); one query."""
    from django.utils.safestring import mark_safe
    from wagtail.rich_text import expand_db_html

    from .models import ContentPage

    row = ContentPage.objects.filter(key=key, language=language.split("-")[0], live=True).first()
    if row is None:
        return None
    # Editors' rich text as Wagtail stores it (its own whitelisted features), rendered as {{ body|richtext }}
    # would render it; editors are the platform team, behind MFA (bandit reviewed).
    return {"title": row.title, "body": mark_safe(expand_db_html(row.body))}  # nosec
