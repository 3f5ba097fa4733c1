"""The admin page for a person's data requests: find, download, erase (submissions/data_requests.py).

The phone number or email is sent by POST only, never in a URL; erasing asks for
confirmation first. Only staff with ``submissions.handle_data_requests`` get here.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.log_actions import log

from ..data_requests import PERMISSION, Lookup


class LookupForm(forms.Form):
    term = forms.CharField(
        label=gettext_lazy("Phone number or email address"),
        max_length=254,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )

    def clean_term(self):
        lookup = Lookup(self.cleaned_data["term"])
        if not lookup.valid:
            raise forms.ValidationError(_("Enter a phone number or an email address."))
        return self.cleaned_data["term"]


@never_cache
@require_http_methods(["GET", "POST"])
def data_requests(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    form = LookupForm(request.POST or None)
    context = {"form": form, "page_title": _("Personal data requests"), "header_icon": "user"}
    if request.method != "POST" or not form.is_valid():
        return render(request, "submissions/admin/data_requests.html", context, status=400 if form.errors else 200)
    lookup = Lookup(form.cleaned_data["term"])
    action = request.POST.get("action", "find")
    # The audit entries are about the staff member who acted (a plain instance: Wagtail's
    # log looks a lazy request.user's type up before it is loaded).
    actor = get_user_model().objects.get(pk=request.user.pk)
    if action == "export":
        content = lookup.as_file()
        log(instance=actor, action="sharaka.data_request.export", user=actor, data=_found(lookup.records()))
        response = HttpResponse(content, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="personal-data-{timezone.now():%Y%m%d-%H%M}.json"'
        return response
    if action == "erase" and request.POST.get("confirm") == "yes":
        counts = lookup.erase(actor)
        erased = sum(value for key, value in counts.items() if key not in ("emails", "mentions removed"))
        messages.success(
            request,
            _("Erased:")
            + " "
            + ngettext("%(count)s record", "%(count)s records", erased) % {"count": erased}
            + ", "
            + ngettext("%(count)s email", "%(count)s emails", counts["emails"]) % {"count": counts["emails"]}
            + ", "
            + ngettext(
                "the mention removed from %(count)s other record",
                "the mention removed from %(count)s other records",
                counts["mentions removed"],
            )
            % {"count": counts["mentions removed"]},
        )
        context["form"] = LookupForm()
        return render(request, "submissions/admin/data_requests.html", context)
    records = lookup.records()
    # Who looked whom up is itself worth knowing: references and counts, never the person.
    log(instance=actor, action="sharaka.data_request.find", user=actor, data=_found(records))
    finder = AdminURLFinder(request.user)
    context.update(
        {
            "searched": True,
            "confirming": action == "erase",
            "queues": [
                {
                    "name": model._meta.verbose_name_plural,
                    "records": [(record, finder.get_edit_url(record)) for record in items],
                }
                for model, items in records.items()
            ],
            "other_emails": lookup.other_emails(records).count(),
            "mentions": [
                {
                    "name": model._meta.verbose_name_plural,
                    "records": [(record, finder.get_edit_url(record)) for record in items],
                }
                for model, items in lookup.mentions().items()
            ],
        }
    )
    return render(request, "submissions/admin/data_requests.html", context)


def _found(records):
    return {"references": sorted(record.reference for items in records.values() for record in items)}
