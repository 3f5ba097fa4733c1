"""The form-token endpoint: a per-visitor token for a form on a cached page.

Public pages are kept in the shared cache and are the same for every visitor, so
they carry no form token. static/js/forms.js asks here for one when a visitor first
touches a form (not on every page view), and on sending if it has none yet. The
token is signed for the form's kind and block and carries a fresh nonce, so two
visitors of one cached page always get two records (submissions/antiabuse.py).
Nothing here reads or sets a cookie; the answer is never cached.
"""

import re

from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from . import antiabuse

KIND = re.compile(r"^[a-z_]{1,32}$")
BLOCK_ID = re.compile(r"^[0-9a-f-]{8,64}$")


@require_GET
def form_token(request):
    kind, block_id = request.GET.get("form", ""), request.GET.get("block", "")
    if not (KIND.match(kind) and BLOCK_ID.match(block_id)):
        return JsonResponse({"error": "unknown form"}, status=400)
    try:
        shown_for = max(0.0, float(request.GET.get("shown", "0")) / 1000)
    except ValueError:
        shown_for = 0.0
    response = JsonResponse({"token": antiabuse.issue_token(kind, block_id, shown_for=shown_for)})
    add_never_cache_headers(response)
    return response
