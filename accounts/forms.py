"""Forms for a person's own account and for moderators giving roles."""
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import StyledForm

from .models import CoachProfile
from .roles import Role


class CoachAreaForm(StyledForm, forms.ModelForm):
    class Meta:
        model = CoachProfile
        fields = ["area_name", "latitude", "longitude", "radius_km", "timezone"]
        # The first three are the labels Django would make from the field names.
        labels = {"area_name": gettext_lazy("Area name"), "latitude": gettext_lazy("Latitude"),
                  "longitude": gettext_lazy("Longitude"), "radius_km": gettext_lazy("Radius (km)"),
                  "timezone": gettext_lazy("Time zone for online meetings")}

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            self.add_error("latitude", _("Give both latitude and longitude, or neither."))
        return cleaned


class RoleForm(StyledForm, forms.Form):
    user = forms.ModelChoiceField(queryset=get_user_model().objects.filter(is_active=True),
                                  widget=forms.HiddenInput,
                                  error_messages={
                                      "invalid_choice": gettext_lazy("That person does not exist.")})
    role = forms.ChoiceField(choices=Role.choices, label=gettext_lazy("Role"))
