"""The knowledge base: Wagtail page types under one index (/kennis/), with visibility, themes, tags and audience.

Every knowledge page is a `KnowledgePage` (multi-table: the shared fields live in one table, so listings and
search filter on visibility, audience and theme in the database). Who may see which visibility is decided
in `permissions.py`; `KnowledgePage.serve` asks it before rendering anything.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    AbstractGroupApprovalTask,
    DraftStateMixin,
    LockableMixin,
    Page,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from .blocks import KnowledgeStreamBlock


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: everyone")
    LOGGED_IN = "logged_in", _("Logged in: every account")
    MEMBERS = "members", _("Members only: verified therapists and the platform team")


class Audience(models.TextChoices):
    THERAPISTS = "therapists", _("(Prospective) therapists")
    PROFESSIONALS = "professionals", _("Referring professionals")
    PUBLIC = "public", _("Everyone")


class RecognitionLevel(models.TextChoices):
    """The effect ladder of the Dutch recognition of interventions (Erkenningscommissie Interventies)."""

    NONE = "", _("Not assessed")
    WELL_DESCRIBED = "well_described", _("Well described")
    WELL_FOUNDED = "well_founded", _("Well founded")
    FIRST_INDICATIONS = "first_indications", _("Effective according to first indications")
    GOOD_INDICATIONS = "good_indications", _("Effective according to good indications")
    STRONG_INDICATIONS = "strong_indications", _("Effective according to strong indications")


class Theme(models.Model):
    """A theme editors file pages under (e.g. 'Kinderen', 'Gehechtheid'); a snippet in the admin."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class KnowledgePageTag(TaggedItemBase):
    content_object = ParentalKey("knowledge.KnowledgePage", on_delete=models.CASCADE, related_name="tagged_items")


class KnowledgeIndexPage(Page):
    """The root of the knowledge base, served at /kennis/ (the Wagtail site's root page)."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "knowledge.KnowledgeArticlePage",
        "knowledge.ResearchSummaryPage",
        "knowledge.ToolPage",
        "knowledge.MethodPage",
        "knowledge.NewsItemPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("knowledge base index")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = selectors.knowledge_list(
            viewer=request.user, filters=selectors.filters_from(request.GET), page=request.GET.get("pagina", 1)
        )
        context["filter_choices"] = selectors.filter_choices()
        return context


class KnowledgePage(Page):
    """What every knowledge page has: intro, body, themes, tags, audience and visibility. Not creatable itself."""

    intro = models.TextField(_("introduction"), help_text=_("One or two sentences; shown in lists and search."))
    body = StreamField(KnowledgeStreamBlock(), verbose_name=_("body"), blank=True)
    themes = ParentalManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="pages")
    tags = ClusterTaggableManager(through=KnowledgePageTag, verbose_name=_("tags"), blank=True)
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.THERAPISTS, db_index=True
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
        db_index=True,
        help_text=_("Members-only pages are never shown, listed, found or downloaded by others."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    classification_panels = [
        MultiFieldPanel(
            [FieldPanel("visibility"), FieldPanel("audience"), FieldPanel("themes"), FieldPanel("tags")],
            heading=_("Visibility and classification"),
        )
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.FilterField("visibility"),
        index.FilterField("audience"),
        index.FilterField("id"),
        index.RelatedFields("themes", [index.FilterField("slug"), index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    is_creatable = False
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("knowledge page")
        verbose_name_plural = _("knowledge pages")

    def serve(self, request, *args, **kwargs):
        from .permissions import page_refusal

        refusal = page_refusal(request, self)
        if refusal is not None:
            return refusal
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["related"] = selectors.related_pages(page=self, viewer=request.user)
        return context

    @classmethod
    def _panels(cls, *own) -> list:
        return [*cls.content_panels, *own, *cls.classification_panels]


class KnowledgeArticlePage(KnowledgePage):
    source_note = models.TextField(
        _("source note"),
        blank=True,
        help_text=_("Where the knowledge comes from, e.g. 'From a case consultation, without the poster's identity'."),
    )

    content_panels = KnowledgePage._panels(FieldPanel("source_note"))
    search_fields = KnowledgePage.search_fields
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("knowledge article")
        verbose_name_plural = _("knowledge articles")


class ResearchSummaryPage(KnowledgePage):
    authors = models.CharField(_("authors"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    doi = models.CharField(_("DOI"), max_length=200, blank=True, help_text=_("e.g. 10.1002/jts.22000"))
    source_url = models.URLField(_("link to the source"), blank=True)
    key_findings = RichTextField(_("key findings"), features=["bold", "italic", "ol", "ul", "link"])
    implications = RichTextField(_("implications for practice"), features=["bold", "italic", "ol", "ul", "link"])

    content_panels = KnowledgePage._panels(
        MultiFieldPanel(
            [FieldPanel("authors"), FieldPanel("year"), FieldPanel("doi"), FieldPanel("source_url")],
            heading=_("Publication"),
        ),
        FieldPanel("key_findings"),
        FieldPanel("implications"),
    )
    search_fields = [
        *KnowledgePage.search_fields,
        index.SearchField("authors"),
        index.SearchField("key_findings"),
        index.SearchField("implications"),
    ]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("research summary")
        verbose_name_plural = _("research summaries")

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""


class ToolPage(KnowledgePage):
    purpose = models.TextField(_("purpose"))
    intended_for = models.CharField(_("intended for"), max_length=300, help_text=_("e.g. 'Children aged 4-12'"))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The tool itself; downloadable only by who may see this page."),
    )
    link = models.URLField(_("link"), blank=True)
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    ghnt_tool = models.BooleanField(_("trauma tool of 'Geweld hoort nergens thuis'"), default=False)

    content_panels = KnowledgePage._panels(
        FieldPanel("purpose"),
        FieldPanel("intended_for"),
        FieldPanel("document"),
        FieldPanel("link"),
        FieldPanel("licence"),
        FieldPanel("ghnt_tool"),
    )
    search_fields = [*KnowledgePage.search_fields, index.SearchField("purpose"), index.SearchField("intended_for")]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("tool")
        verbose_name_plural = _("tools")

    def clean(self):
        super().clean()
        if not self.document_id and not self.link:
            message = _("Add the file or a link: without either, nobody can use the tool.")
            raise ValidationError({"document": message, "link": message})


class MethodPage(KnowledgePage):
    """A treatment method (EMDR, TF-CBT...), tied to the directory's method vocabulary."""

    method = models.ForeignKey(
        "directory.Method",
        verbose_name=_("method in the directory"),
        on_delete=models.PROTECT,
        related_name="knowledge_pages",
        help_text=_("Profiles offering this method link here; the page counts who offers it per region."),
    )
    what = RichTextField(_("what it is"), features=["bold", "italic", "ol", "ul", "link"])
    for_whom = RichTextField(_("for whom"), features=["bold", "italic", "ol", "ul", "link"])
    evidence = RichTextField(_("evidence"), features=["bold", "italic", "ol", "ul", "link"])
    recognition_level = models.CharField(
        _("recognition level"), max_length=24, choices=RecognitionLevel.choices, blank=True
    )
    recognition_date = models.DateField(_("recognised on"), null=True, blank=True)
    recognition_url = models.URLField(_("link to the recognition"), blank=True)

    content_panels = KnowledgePage._panels(
        FieldPanel("method"),
        FieldPanel("what"),
        FieldPanel("for_whom"),
        FieldPanel("evidence"),
        MultiFieldPanel(
            [FieldPanel("recognition_level"), FieldPanel("recognition_date"), FieldPanel("recognition_url")],
            heading=_("Recognition of interventions"),
        ),
    )
    search_fields = [
        *KnowledgePage.search_fields,
        index.SearchField("what"),
        index.SearchField("for_whom"),
        index.SearchField("evidence"),
    ]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("method page")
        verbose_name_plural = _("method pages")

    def get_context(self, request, *args, **kwargs):
        from . import permissions, selectors

        context = super().get_context(request, *args, **kwargs)
        context["offered_by"] = selectors.method_offered_per_region(method_id=self.method_id)
        context["search_url"] = (
            selectors.method_search_url(self.method_id) if permissions.can_search_directory(request.user) else ""
        )
        return context


class NewsItemPage(KnowledgePage):
    news_date = models.DateField(_("date"))

    content_panels = KnowledgePage._panels(FieldPanel("news_date"))
    search_fields = KnowledgePage.search_fields
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")


KNOWLEDGE_PAGE_MODELS = (KnowledgeArticlePage, ResearchSummaryPage, ToolPage, MethodPage, NewsItemPage)


class DigestSubscription(models.Model):
    """A user's opt-in to the weekly e-mail of new knowledge items they may read."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="knowledge_digest", verbose_name=_("user")
    )
    active = models.BooleanField(_("send me the weekly digest"), default=True)
    last_sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("knowledge digest subscription")
        verbose_name_plural = _("knowledge digest subscriptions")

    def __str__(self) -> str:
        return str(self.user)


class SecondEditorApprovalTask(AbstractGroupApprovalTask):
    """Review by a second editor: any member of the chosen groups may approve, except who wrote or submitted it.

    Wagtail's group approval lets the author approve their own page; the plan asks for a second pair of eyes.
    """

    @staticmethod
    def _authors(task_state) -> set[int]:
        workflow_state = task_state.workflow_state
        authors = {workflow_state.requested_by_id}
        if task_state.revision_id:
            authors.add(task_state.revision.user_id)
        return {pk for pk in authors if pk}

    def _is_author(self, obj, user) -> bool:
        state = getattr(obj, "current_workflow_task_state", None)
        return state is not None and user.pk in self._authors(state)

    def get_actions(self, obj, user):
        if self._is_author(obj, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user).exclude(revision__user=user)

    def on_action(self, task_state, user, action_name, **kwargs):
        from django.core.exceptions import PermissionDenied

        if user is not None and user.pk in self._authors(task_state):
            raise PermissionDenied(_("A second editor reviews this page: you wrote or submitted it."))
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("An editor other than the author approves (review by a second editor)")

    class Meta:
        verbose_name = _("review by a second editor")
        verbose_name_plural = _("reviews by a second editor")


class ContentPageKey(models.TextChoices):
    """The content pages of core (their URLs and names stay core's: core:about at /over/ ...)."""

    ABOUT = "about", _("About the platform")
    FOR_THERAPISTS = "for_therapists", _("For therapists")
    FOR_ORGANISATIONS = "for_organisations", _("For organisations")
    CONTACT = "contact", _("Contact")
    PRIVACY = "privacy", _("Privacy statement")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")
    COLOPHON = "colophon", _("Colophon and data sources")


class ContentPage(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """The editors' text of one of core's content pages in one language, with revisions, review and history.

    Shown at the page's own URL (core.views.static_page asks core.registries.content_page_for); until one is
    published, the template in core is shown.
    """

    key = models.CharField(_("page"), max_length=32, choices=ContentPageKey.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="nl")
    title = models.CharField(_("title"), max_length=200)
    body = RichTextField(_("text"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"])
    revisions = GenericRelation(
        "wagtailcore.Revision", content_type_field="base_content_type", for_concrete_model=False
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="knowledge_contentpage",
        for_concrete_model=False,
    )

    panels = [FieldPanel("key"), FieldPanel("language"), FieldPanel("title"), FieldPanel("body")]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")
        constraints = [models.UniqueConstraint(fields=["key", "language"], name="knowledge_contentpage_key_language")]

    def __str__(self) -> str:
        return f"{self.get_key_display()} ({self.language})"
