"""The public side of "Was this page helpful?": a vote, and a comment after a "no".

The question sits on cached pages, the same for every reader, so its form carries no
token: static/js/forms.js fetches one when the reader first touches it (as for the
embedded forms), and without JavaScript the answer comes to a confirmation step that
carries one. Like the embedded forms, these POSTs are checked by the browser's origin
instead of a CSRF cookie (submissions/public_posts.py, SECURITY.md), with the signed
token, the honeypot, the token's nonce (a refresh or a double click counts once), the
minimum time and the per-address rate limit (submissions/antiabuse.py).

No answer is kept in a cookie or a session: the thanks page is told by the URL which
page and which answer (nothing personal), and the comment form it shows carries a
signed vote number, so a comment joins the vote it explains and no other.
"""

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Locale, Page

from submissions import antiabuse
from submissions.public_posts import same_origin

from .forms import CommentForm
from .models import HelpfulVote, PageComment
from .tokens import KIND, block_for

COMMENT_KIND = "helpful_comment"
VOTE_SALT = "sharaka.feedback.vote"
ANSWERS = {"yes": True, "no": False}


def _page(request):
    """The live public page the answer is about, or None."""
    value = request.POST.get("page") or request.GET.get("page") or ""
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        return None
    page = Page.objects.live().public().filter(pk=int(value)).first()
    return page.specific if page is not None else None


def _render(request, template, context, status=200):
    response = render(
        request, template, {"settings_min_seconds": settings.SUBMISSION_MIN_FILL_SECONDS, **context}, status=status
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def _thanks(page, answer, vote=None):
    query = {"page": page.pk, "answer": answer}
    if vote is not None and not vote.helpful:
        query["vote"] = signing.dumps(vote.pk, salt=VOTE_SALT)
    return HttpResponseRedirect(f"{reverse('helpful_thanks')}?{urlencode(query)}", status=303)


@never_cache
@csrf_exempt  # checked by origin instead (module docstring)
@require_POST
def vote(request):
    if not same_origin(request):
        return _render(request, "feedback/problem.html", {"problem": "origin"}, status=403)
    page, answer = _page(request), request.POST.get("answer", "")
    if page is None or answer not in ANSWERS:
        return _render(request, "feedback/problem.html", {"problem": "unknown"}, status=400)
    block = block_for(page)

    def confirm(problem="", status=200):
        antiabuse.log_event(problem or "confirm", KIND, request)
        context = {
            "page": page,
            "answer": answer,
            "token": antiabuse.issue_filled_in_token(KIND, block),
            "problem": problem,
        }
        return _render(request, "feedback/confirm.html", context, status=status)

    if not request.POST.get(antiabuse.TOKEN_FIELD):
        return confirm()  # no JavaScript: one more press, with a token
    try:
        token = antiabuse.read_token(KIND, block, request.POST.get(antiabuse.TOKEN_FIELD))
    except antiabuse.TokenProblem:
        return confirm("token", 400)
    if antiabuse.honeypot_filled(request.POST):
        antiabuse.log_event("honeypot", KIND, request)
        return _thanks(page, answer)
    existing = HelpfulVote.objects.filter(idempotency_key=token.nonce).first()
    if existing is not None:
        return _thanks(page, answer, existing)
    if antiabuse.is_too_fast(token):
        return confirm("too_fast", 400)
    if antiabuse.ip_limited(request, KIND):
        response = confirm("rate_limited", 429)
        response["Retry-After"] = str(antiabuse.ip_window())
        return response
    try:
        with transaction.atomic():
            saved = HelpfulVote.objects.create(
                page=page, locale=page.locale, helpful=ANSWERS[answer], idempotency_key=token.nonce
            )
    except IntegrityError:  # the same answer sent twice at once: the other request saved it
        saved = HelpfulVote.objects.get(idempotency_key=token.nonce)
    return _thanks(page, answer, saved)


def _signed_vote(value):
    try:
        pk = signing.loads(value or "", salt=VOTE_SALT, max_age=settings.SESSION_COOKIE_AGE)
    except signing.BadSignature:
        return None
    return HelpfulVote.objects.filter(pk=pk, helpful=False).select_related("page", "locale").first()


@never_cache
@require_GET
def thanks(request):
    page, answer = _page(request), request.GET.get("answer", "")
    if page is None or answer not in ANSWERS:
        return _render(request, "feedback/problem.html", {"problem": "unknown"}, status=400)
    voted = _signed_vote(request.GET.get("vote")) if answer == "no" else None
    context = {"page": page, "answer": answer, "done": request.GET.get("done") == "1"}
    if voted is not None and not hasattr(voted, "comment") and not context["done"]:
        context.update(
            vote_value=request.GET.get("vote"),
            form=CommentForm(),
            token=antiabuse.issue_token(COMMENT_KIND, str(voted.pk)),
        )
    return _render(request, "feedback/thanks.html", context)


@never_cache
@csrf_exempt  # checked by origin instead (module docstring)
@require_POST
def comment(request):
    if not same_origin(request):
        return _render(request, "feedback/problem.html", {"problem": "origin"}, status=403)
    voted = _signed_vote(request.POST.get("vote"))
    if voted is None:
        return _render(request, "feedback/problem.html", {"problem": "unknown"}, status=400)
    page = voted.page.specific
    thanks_done = f"{reverse('helpful_thanks')}?{urlencode({'page': page.pk, 'answer': 'no', 'done': '1'})}"
    if hasattr(voted, "comment"):  # sent already (a double click, a refresh)
        return HttpResponseRedirect(thanks_done, status=303)
    form = CommentForm(request.POST)
    context = {"page": page, "answer": "no", "vote_value": request.POST.get("vote"), "form": form}

    def again(problem, status):
        antiabuse.log_event(problem, COMMENT_KIND, request)
        token = antiabuse.issue_filled_in_token(COMMENT_KIND, str(voted.pk))
        return _render(request, "feedback/thanks.html", {**context, "token": token, "problem": problem}, status=status)

    try:
        token = antiabuse.read_token(COMMENT_KIND, str(voted.pk), request.POST.get(antiabuse.TOKEN_FIELD))
    except antiabuse.TokenProblem:
        return again("token", 400)
    if antiabuse.honeypot_filled(request.POST):
        antiabuse.log_event("honeypot", COMMENT_KIND, request)
        return HttpResponseRedirect(thanks_done, status=303)
    if antiabuse.is_too_fast(token):
        return again("too_fast", 400)
    if antiabuse.ip_limited(request, COMMENT_KIND):
        response = again("rate_limited", 429)
        response["Retry-After"] = str(antiabuse.ip_window())
        return response
    if not form.is_valid():
        return again("", 400)
    if form.cleaned_data["comment"]:
        try:
            with transaction.atomic():
                PageComment.objects.create(
                    vote=voted,
                    comment=form.cleaned_data["comment"],
                    source_page=page,
                    locale=Locale.objects.get(pk=voted.locale_id),
                    idempotency_key=token.nonce,
                )
        except IntegrityError:
            pass  # sent twice at once: the other request saved it
    return HttpResponseRedirect(thanks_done, status=303)
