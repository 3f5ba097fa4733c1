"""Roles and areas that applications chose are archived, never deleted.

Deleting a role silently took it out of every application that chose it, and deleting
an area emptied their "where do you live": editors could damage records they may not
even see. The delete views refuse instead and say how to archive (a closed role, an
area no longer offered); the database refuses too (the area's PROTECT, the role's
``delete``), for any other way in.
"""

from django.utils.translation import gettext as _

from .models import Area, VolunteerApplication, VolunteerRole


def applications_using(option):
    if isinstance(option, VolunteerRole):
        return VolunteerApplication.objects.filter(roles=option)
    if isinstance(option, Area):
        return VolunteerApplication.objects.filter(area=option)
    return VolunteerApplication.objects.none()


def in_use(options):
    return [option for option in options if applications_using(option).exists()]


def refusal(options):
    """What to tell the editor, for the options of ``options`` that are in use."""
    names = ", ".join(str(option) for option in options)
    if all(isinstance(option, VolunteerRole) for option in options):
        return _(
            "%(names)s cannot be deleted: applications chose it. Untick “taking applications” to close it instead."
        ) % {"names": names}
    return _("%(names)s cannot be deleted: applications chose it. Untick “offered on forms” to archive it instead.") % {
        "names": names
    }
