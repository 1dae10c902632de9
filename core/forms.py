"""What every app's forms share: the site's styling, and fields that keep text plain."""
from django import forms

from .text import plain_text

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


class PlainTextField(forms.CharField):
    """A text field whose value is stored as plain text: markup taken out (core.text) before
    the field's checks, so a value that was only markup is as good as empty."""

    multiline = False

    def to_python(self, value):
        value = super().to_python(value)
        return plain_text(value, multiline=self.multiline) if value else value


class PlainLinesField(PlainTextField):
    """Plain text that may run over several lines (notes, messages): the line breaks stay."""

    multiline = True
