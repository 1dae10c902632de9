"""Forms for a person's own account and for moderators giving roles."""
from django import forms
from django.contrib.auth import get_user_model

from core.forms import StyledForm

from .models import CoachProfile
from .roles import Role


class CoachAreaForm(StyledForm, forms.ModelForm):
    class Meta:
        model = CoachProfile
        fields = ["area_name", "latitude", "longitude", "radius_km", "timezone"]
        labels = {"radius_km": "Radius (km)", "timezone": "Time zone for online meetings"}

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            self.add_error("latitude", "Give both latitude and longitude, or neither.")
        return cleaned


class RoleForm(StyledForm, forms.Form):
    user = forms.ModelChoiceField(queryset=get_user_model().objects.filter(is_active=True),
                                  widget=forms.HiddenInput,
                                  error_messages={"invalid_choice": "That person does not exist."})
    role = forms.ChoiceField(choices=Role.choices)
