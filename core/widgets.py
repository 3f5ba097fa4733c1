"""Form widgets as the public forms' markup treats them."""

from django import forms

# Rendered as a group of inputs in a fieldset, each input with its own id (``<id>_0``, ``<id>_1``…):
# error-summary links go to the first input, and every input points at the group's error.
GROUPED_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)
