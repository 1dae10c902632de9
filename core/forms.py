"""Form styling every app's forms share."""
from django import forms

# Controls the browser draws itself; the site's input classes would only fight them.
NATIVE_CONTROLS = (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.RadioSelect)


def site_input_class(widget) -> str | None:
    """The class the site styles a widget with ("input" or "select"); None for a native control."""
    if isinstance(widget, NATIVE_CONTROLS):
        return None
    return "select" if isinstance(widget, forms.Select) else "input"


class StyledForm:
    """Gives widgets the site's input classes, so templates can render any field alike."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if css := site_input_class(field.widget):
                field.widget.attrs.setdefault("class", css)
