"""Roles and areas that applications chose are archived, never deleted.

Deleting a role silently took it out of every application that chose it, and deleting
an area emptied their "where do you live": editors could damage records they may not
even see. The delete views, single and bulk, refuse instead and say how to archive (a
closed role, an area no longer offered). Below the admin, the database refuses to
delete an area in use (PROTECT) and ``VolunteerRole.delete`` refuses a role in use; a
queryset delete of roles would still go through, and nothing of ours makes one.
"""

from django.utils.translation import ngettext

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
        message = ngettext(
            "%(names)s cannot be deleted: applications chose it. Untick “taking applications” to close it instead.",
            "%(names)s cannot be deleted: applications chose them. Untick “taking applications” to close them instead.",
            len(options),
        )
    else:
        message = ngettext(
            "%(names)s cannot be deleted: applications chose it. Untick “offered on forms” to archive it instead.",
            "%(names)s cannot be deleted: applications chose them. Untick “offered on forms” to archive them instead.",
            len(options),
        )
    return message % {"names": names}
