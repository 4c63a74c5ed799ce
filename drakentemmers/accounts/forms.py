from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Invitation, Role, User
from .permissions import invitable_roles


class SignupExtraForm(forms.Form):
    """Extra fields on allauth's sign-up form: the person's name."""

    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )

    def signup(self, request, user: User) -> None:
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])


class PersonalDataForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "preferred_language"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }


class NoticePreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("E-mail about new messages, invitations and answers"),
        choices=[
            ("now", _("At once, one e-mail per event")),
            ("daily", _("One e-mail a day, at 8:00, with everything since the last one")),
        ],
        widget=forms.RadioSelect,
        help_text=_("E-mail about your login and security always comes at once."),
    )


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role", "region"]
        help_texts = {"region": _("Required for regional coordinators.")}

    def __init__(self, *args, inviter: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only the roles this person may hand out; a posted other role is refused as an invalid choice.
        self.fields["role"].choices = [("", "---------"), *invitable_roles(inviter)]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.COORDINATOR and not cleaned.get("region"):
            self.add_error("region", _("Choose the region this coordinator works for."))
        if cleaned.get("role") != Role.COORDINATOR and cleaned.get("region"):
            self.add_error("region", _("Only regional coordinators are linked to a region."))
        return cleaned


class ErasureRequestForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account and personal data will be erased and that this cannot be undone."),
        required=True,
    )


class AccessLogFilterForm(forms.Form):
    """The NEN 7513 query: by user, by object (type + id), by period. Submitted with GET, works without JS."""

    user = forms.CharField(
        label=_("User"), required=False, max_length=255, help_text=_("Account number, or (part of) the e-mail address.")
    )
    object_type = forms.ChoiceField(label=_("Kind of record"), required=False)
    object_id = forms.CharField(label=_("Record number"), required=False, max_length=64)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, object_types: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", _("All kinds")), *object_types]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("object_id") and not cleaned.get("object_type"):
            self.add_error("object_type", _("Choose the kind of record the number belongs to."))
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date lies before the start date."))
        return cleaned
