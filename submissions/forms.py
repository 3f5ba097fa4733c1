"""What every public form shares: optional fields marked as such, grouped inputs described."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from core.widgets import GROUPED_WIDGETS


class OptionalLabelMixin:
    """Mark optional fields "(optional)" instead of starring the required ones,
    and tie each radio button and checkbox to its group's help and error text."""

    def mark_optional_fields(self):
        for field in self.fields.values():
            if not field.required and not isinstance(field, forms.BooleanField):
                field.label = _("%(label)s (optional)") % {"label": field.label}
        self.describe_grouped_inputs()

    def full_clean(self):
        super().full_clean()
        self.describe_grouped_inputs()

    def describe_grouped_inputs(self):
        """Screen readers announce a radio button or checkbox without its fieldset's
        description when it is reached by a link from the error summary, so each
        input points at the help text and the error itself."""
        for name, field in self.fields.items():
            if not isinstance(field.widget, GROUPED_WIDGETS):
                continue
            auto_id = self[name].auto_id
            ids = [f"{auto_id}_helptext"] if field.help_text else []
            # _errors, not errors: reading .errors here would validate the form in its constructor.
            if self._errors and name in self._errors:
                ids.append(f"{auto_id}_error")
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)


def embedded_form_helper():
    """crispy-forms' helper for a form embedded in a page: the page's template writes the
    <form> tag, and no CSRF token, which would set a cookie on a page cached for everyone
    (the POST is checked by origin and the form token: submissions/public_posts.py)."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper
