"""Forms for a person's own account and for moderators giving roles."""
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy

from core.forms import StyledForm
from places.geocoding import GeocodingUnavailable, Place, PlaceNotFound, locate

from .models import CoachProfile
from .roles import Role


class CoachAreaForm(StyledForm, forms.ModelForm):
    """A coach's area by a place or ZIP code, found as a parent's search finds it, and a
    radius; raw coordinates are never asked for."""

    place = forms.CharField(
        max_length=200, required=False, label=gettext_lazy("Place or ZIP code"),
        help_text=gettext_lazy("Such as 15222 or “Squirrel Hill, Pittsburgh”. Leave it empty to "
                               "follow online meetings only."))

    class Meta:
        model = CoachProfile
        fields = ["radius_km", "timezone"]
        labels = {"radius_km": gettext_lazy("Radius (km)"),
                  "timezone": gettext_lazy("Time zone for online meetings")}

    field_order = ["place", "radius_km", "timezone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].initial = self.instance.area_name
        self.found: Place | None = None

    def clean_place(self):
        text = self.cleaned_data.get("place", "").strip()
        if text:
            try:
                self.found = locate(text)
            except PlaceNotFound as error:
                raise forms.ValidationError(error.message) from None
            except GeocodingUnavailable as error:
                raise forms.ValidationError(error.message) from None
        return text

    def save(self, commit=True):
        profile = super().save(commit=False)
        found = self.found
        profile.area_name = found.label if found else ""
        profile.latitude = found.latitude if found else None
        profile.longitude = found.longitude if found else None
        if found and not profile.timezone:
            profile.timezone = found.timezone  # her online meetings run on her own clock
        if commit:
            profile.save()
        return profile


class RoleForm(StyledForm, forms.Form):
    user = forms.ModelChoiceField(queryset=get_user_model().objects.filter(is_active=True),
                                  widget=forms.HiddenInput,
                                  error_messages={
                                      "invalid_choice": gettext_lazy("That person does not exist.")})
    role = forms.ChoiceField(choices=Role.choices, label=gettext_lazy("Role"))
