"""Values on the admin's inspect pages as staff read them.

Wagtail's inspect view prints a date-time field as it is stored (UTC), a boolean as
"True", an empty value as "None" and a user by username. Ours show times in the staff
member's own time zone and format (as listings do), yes or no in their language, a dash
for nothing, and a colleague by name.
"""

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.utils import formats, timezone
from django.utils.translation import gettext as _


class ReadableInspectMixin:
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, datetime):
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if value is None or value == "":
            return "—"
        if isinstance(value, AbstractBaseUser):
            return value.get_full_name() or value.get_username()
        return value
