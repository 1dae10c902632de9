"""Forms for setting a moderator's areas: a region found from a place or ZIP code as a coach's
area is, or a feed source."""
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.forms import CoachAreaForm
from core.forms import StyledForm
from feeds.models import FeedSource

from .models import ModeratorArea


class ModeratorRegionForm(CoachAreaForm):
    """A region: a place and radius for in-person meetings, a time zone for online ones."""

    class Meta(CoachAreaForm.Meta):
        model = ModeratorArea

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("place") and not cleaned.get("timezone"):
            self.add_error("place", _("Give a place or ZIP code, or a time zone for online meetings."))
        return cleaned


class ModeratorSourceForm(StyledForm, forms.Form):
    source = forms.ModelChoiceField(
        queryset=FeedSource.objects.order_by("name"), label=gettext_lazy("Feed source"),
        error_messages={"invalid_choice": gettext_lazy("There is no such feed source."),
                        "required": gettext_lazy("Choose a feed source.")})


class RemoveAreaForm(forms.Form):
    area = forms.IntegerField(label=gettext_lazy("Area"))
