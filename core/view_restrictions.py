"""The site's page view restrictions, read once per request.

Wagtail's ``PageQuerySet.public()`` reads every ``PageViewRestriction`` each time it is
called (``private_q``). One public page calls it for its listing, related stories, menu,
language links, SEO links and home-page link: five to nine identical queries per page
view. Here the restrictions read first in a request are kept until the request ends
(Django's ``request_started`` and ``request_finished``), and the same ``Q`` is built
from them. Outside a request (commands, the task worker) nothing is kept. A restriction
added during a request is seen from the next one, which is also when its page changes.
"""

from asgiref.local import Local
from django.core.signals import request_finished, request_started
from django.db.models import Q
from wagtail.query import PageQuerySet

_request = Local()
WAGTAIL_PRIVATE_Q = PageQuerySet.private_q  # kept for tests/test_queries.py's upgrade tripwire


def _started(**kwargs):
    _request.active, _request.sections = True, None


def _finished(**kwargs):
    _request.active, _request.sections = False, None


def restricted_sections():
    """(path, depth) of every page with a view restriction: a private section's top."""
    from wagtail.models import PageViewRestriction

    if getattr(_request, "active", False) and _request.sections is not None:
        return _request.sections
    sections = list(PageViewRestriction.objects.values_list("page__path", "page__depth").distinct())
    if getattr(_request, "active", False):
        _request.sections = sections
    return sections


def private_q(self):
    """Wagtail's ``private_q`` (a private section and everything under it), from the kept read."""
    q = Q()
    for path, depth in restricted_sections():
        q |= Q(path__startswith=path) & Q(depth__gte=depth)
    return q if q else Q(pk__in=[])  # as Wagtail: no private section matches no page


def install():
    """Called from CoreConfig.ready."""
    request_started.connect(_started, dispatch_uid="view_restrictions_started")
    request_finished.connect(_finished, dispatch_uid="view_restrictions_finished")
    PageQuerySet.private_q = private_q
