"""The comment a reader who answered "no" may add."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.phones import mask_contacts
from core.text import clean_free_text


class CommentForm(forms.Form):
    use_required_attribute = False

    comment = forms.CharField(
        label=_("What was missing or wrong? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto", "aria-describedby": "comment-warning"}),
        error_messages={"max_length": _("Keep it under %(limit_value)d characters.")},
    )

    def clean_comment(self):
        """Without the phone numbers, email addresses and long numbers typed anyway."""
        return mask_contacts(clean_free_text(self.cleaned_data["comment"])).strip()
