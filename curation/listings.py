"""Binding a listing form to what a person sent, with the meeting placed from its address
first: the form then validates a listing whose position and time zone are known, and never
looks anything up itself."""
from __future__ import annotations

from meetings.models import MET_IN_PERSON, forget_outdated_position
from places.addresses import fill_position

from .forms import ListingForm

PLACED_FIELDS = ("latitude", "longitude", "timezone")


def bind_listing_form(form_class: type[ListingForm], data, **kwargs) -> ListingForm:
    """A `form_class` form bound to `data` (a QueryDict or a dict of form values), in which an
    in-person meeting's coordinates, and its zone when not given, were found from its address
    when the data gives no coordinates, and coordinates that belonged to an old address were
    dropped. `kwargs` go to the form (`instance`, `prefix`)."""
    form = form_class(data, **kwargs)
    values = {name: form[name].data for name in ("attendance", "address", *PLACED_FIELDS)}
    before = dict(values)
    forget_outdated_position(values, form.changed_data)
    found = fill_position(values, meets_in_person=values["attendance"] in MET_IN_PERSON)
    placed = [name for name in PLACED_FIELDS if values[name] != before[name]]
    if placed:
        data = data.copy()
        for name in placed:
            data[form.add_prefix(name)] = "" if values[name] is None else str(values[name])
        form = form_class(data, **kwargs)
    form.position_found = found
    form.placed_fields = set(placed)
    return form
