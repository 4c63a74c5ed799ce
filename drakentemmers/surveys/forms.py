"""The answering form (built from the questions) and the builder's forms."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from drakentemmers.core.privacy.forms import PrivacyGuardMixin
from drakentemmers.regions.selectors import reporting_regions

from .audiences import audience_get, audiences, parse_email_list
from .logic import ordered_questions, visible_question_ids
from .models import (
    LIKERT_LABELS,
    LONG_TEXT_MAX_LENGTH,
    SHORT_TEXT_MAX_LENGTH,
    Question,
    QuestionKind,
    Questionnaire,
    Section,
)


def _field_for(question: Question, regions) -> forms.Field:
    common = {"label": question.text, "required": question.required, "help_text": question.help_text}
    kind = question.kind
    if kind == QuestionKind.SINGLE:
        return forms.ChoiceField(choices=[(o, o) for o in question.options], widget=forms.RadioSelect, **common)
    if kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=[(o, o) for o in question.options], widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == QuestionKind.LIKERT:
        return forms.TypedChoiceField(
            choices=list(LIKERT_LABELS.items()), coerce=int, empty_value=None, widget=forms.RadioSelect, **common
        )
    if kind == QuestionKind.NUMBER:
        return forms.DecimalField(max_digits=12, decimal_places=2, localize=True, **common)
    if kind == QuestionKind.LONG_TEXT:
        return forms.CharField(max_length=LONG_TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5}), **common)
    if kind == QuestionKind.REGION:
        return forms.ModelChoiceField(queryset=regions, empty_label=_("Choose …"), **common)
    return forms.CharField(max_length=SHORT_TEXT_MAX_LENGTH, **common)


def _stored(value):
    """A cleaned value as JSON: numbers as int or float, a region as its id."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "pk"):
        return value.pk
    return value


def _empty(value) -> bool:
    return value is None or value == "" or value == []


class AnswerForm(PrivacyGuardMixin, forms.Form):
    """One field per question; skip logic decides, on the submitted answers, which are asked and required.

    Fields are built with the question's `required` (so the label says so) but validated as optional;
    `clean()` then requires only the visible required questions and drops the answers of hidden ones.
    `draft=True` (the "save as draft" button) skips the required check.
    """

    def __init__(
        self, *args, sections: list[Section], draft: bool = False, initial_answers: dict | None = None, **kwargs
    ):
        self.sections = sections
        self.questions = ordered_questions(sections)
        self.draft = draft
        self.privacy_fields = tuple(
            q.key for q in self.questions if q.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)
        )
        super().__init__(*args, initial=initial_answers or {}, **kwargs)
        regions = reporting_regions()
        by_id = {q.pk: q for q in self.questions}
        for question in self.questions:
            field = _field_for(question, regions)
            condition = by_id.get(question.show_if_question_id)
            if condition is not None:
                hint = _("Only if you answered “%(value)s” to “%(question)s”.") % {
                    "value": question.show_if_value,
                    "question": condition.text,
                }
                field.help_text = f"{field.help_text} {hint}".strip()
            self.fields[question.key] = field
        self.answers: dict = {}

    def _clean_fields(self) -> None:
        required = {name: field.required for name, field in self.fields.items()}
        for field in self.fields.values():
            field.required = False
        try:
            super()._clean_fields()
        finally:
            for name, value in required.items():
                self.fields[name].required = value

    def clean(self) -> dict:
        cleaned = super().clean()
        raw = {q.key: _stored(cleaned.get(q.key)) for q in self.questions if q.key in cleaned}
        visible = visible_question_ids(self.sections, raw)
        answers = {}
        for question in self.questions:
            value = raw.get(question.key)
            if question.pk not in visible:
                continue
            if _empty(value):
                if question.required and not self.draft and question.key not in self.errors:
                    self.add_error(question.key, _("Answer this question."))
                continue
            answers[question.key] = value
        self.answers = answers
        return cleaned

    def sections_with_fields(self) -> list[tuple[Section, list]]:
        return [(section, [(q, self[q.key]) for q in section.questions.all()]) for section in self.sections]


class QuestionnaireForm(forms.ModelForm):
    emails = forms.CharField(
        label=_("E-mail addresses (contact officials)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only for the audience 'contact officials': one address per line, or separated by commas."),
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for the audience 'members of chosen regions'."),
    )

    class Meta:
        model = Questionnaire
        fields = ["title", "intro", "anonymous", "closes_on", "audience"]
        widgets = {
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "intro": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["regions"].queryset = reporting_regions()
        self.fields["audience"] = forms.ChoiceField(
            label=_("Audience"), choices=[("", _("Choose …"))] + [(a.key, a.label) for a in audiences()]
        )
        params = self.instance.audience_params or {}
        self.initial.setdefault("emails", "\n".join(params.get("emails", [])))
        self.initial.setdefault("regions", params.get("regions", []))
        # An app's audience with a parameter of its own (a training): one choice field, named after it.
        for audience in audiences():
            if audience.param and audience.param_choices is not None:
                self.fields[_param_field(audience)] = forms.ChoiceField(
                    label=audience.param_label or audience.label,
                    choices=[("", _("Choose …")), *audience.choices()],
                    required=False,
                    help_text=_("Only for the audience '%(audience)s'.") % {"audience": audience.label},
                    initial=params.get(audience.param) if self.instance.audience == audience.key else None,
                )

    def clean(self) -> dict:
        cleaned = super().clean()
        audience = audience_get(cleaned.get("audience") or "")
        params = {}
        if audience is not None and audience.param == "emails":
            try:
                params["emails"] = parse_email_list(cleaned.get("emails") or "")
            except ValidationError as error:
                self.add_error("emails", error)
            else:
                if not params["emails"]:
                    self.add_error("emails", _("Give at least one e-mail address."))
        if audience is not None and audience.param == "regions":
            params["regions"] = [r.pk for r in cleaned.get("regions") or []]
            if not params["regions"]:
                self.add_error("regions", _("Choose at least one region."))
        if audience is not None and audience.param_choices is not None:
            value = cleaned.get(_param_field(audience))
            if value:
                params[audience.param] = value
            else:
                self.add_error(_param_field(audience), _("Make a choice for this audience."))
        self.instance.audience_params = params
        return cleaned


def _param_field(audience) -> str:
    return "param_" + audience.key.replace(".", "_")


# Questions whose answer can show or hide another: those with fixed options.
CONDITION_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.LIKERT)


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title", "show_if_question", "show_if_value"]

    def __init__(self, *args, questionnaire: Questionnaire, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["show_if_question"].queryset = Question.objects.filter(
            section__questionnaire=questionnaire,
            kind__in=CONDITION_KINDS,
        )
        self.fields["show_if_question"].empty_label = _("Always show")


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "help_text", "kind", "required", "choices", "show_if_question", "show_if_value"]
        widgets = {"choices": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, questionnaire: Questionnaire, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["show_if_question"].queryset = Question.objects.filter(
            section__questionnaire=questionnaire,
            kind__in=CONDITION_KINDS,
        ).exclude(pk=self.instance.pk)
        self.fields["show_if_question"].empty_label = _("Always show")
