"""The form a feed source is registered and edited with, on the site and in the admin."""
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .locations import validate_site_location
from .models import FeedFormat, FeedSource
from .sources import registered_as


class FeedSourceForm(forms.ModelForm):
    class Meta:
        model = FeedSource
        fields = ["name", "location", "format", "fellowship", "type_codes", "default_timezone",
                  "refresh_hours", "active"]
        labels = {
            "name": gettext_lazy("Name"),
            # Translators: where a feed is read from: a web address (or a file on the server).
            "location": gettext_lazy("Address"),
            "format": gettext_lazy("Format"),
            "fellowship": gettext_lazy("Fellowship"),
            "type_codes": gettext_lazy("Type codes"),
            "default_timezone": gettext_lazy("Time zone"),
            "refresh_hours": gettext_lazy("Refresh every (hours)"),
            "active": gettext_lazy("Refreshed automatically"),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("format") == FeedFormat.BMLT and cleaned.get("type_codes"):
            self.add_error("type_codes", _("A BMLT server's formats are read by their world ids "
                                           "(feeds/data/bmlt.json): leave this empty."))
        return cleaned

    def clean_location(self):
        location = self.cleaned_data["location"]
        if self.instance.pk and location == self.instance.location:
            # Registered on the server (import_meetings) where any file may be read: left as is.
            return location
        location = validate_site_location(location)
        twin = registered_as(location)
        if twin is not None and twin.pk != self.instance.pk:
            raise forms.ValidationError(
                _("This address is already the source '%(name)s'."), params={"name": twin.name})
        return location
