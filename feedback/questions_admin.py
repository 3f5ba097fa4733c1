"""The Answerers' queue of anonymous questions, and answering one.

Answering happens on the question's own page in the queue. An Answerer writes the
answer, then:

- puts it on the asker's private page (and, if they left an email, tells them it is
  ready, without the answer: feedback/emails/answer_ready), and/or records that they
  gave it by phone;
- and/or, only if the asker agreed, publishes the question and an answer on the
  public questions page. That is the redaction step: the question to publish starts
  as the asker wrote it (phones and emails already masked) and the Answerer must
  edit out anything that could identify anyone, and say so, before it goes out.

Everything is logged. The published answer is a snippet (``PublishedAnswer``): editors
and translators correct and translate it there; the question keeps which one it became.
"""

import unicodedata
from datetime import timedelta

import django_filters
from django import forms
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log

from core.text import clean_free_text
from submissions.admin.columns import IsolatedColumn, ReceivedColumn, ReferenceColumn, StatusColumn
from submissions.admin.filters import SubmissionFilterSet
from submissions.admin.views import SubmissionInspectView, mark_acted, user_column
from submissions.admin.viewsets import SubmissionViewSet
from submissions.notifications import queue_notice
from submissions.tasks import enqueue

from .models import AnonymousQuestion, PublishedAnswer, QuestionStatus, Subject

ANSWERABLE = (QuestionStatus.NEW, QuestionStatus.ANSWERED)


class AnswerForm(forms.Form):
    use_required_attribute = False

    answer = forms.CharField(
        label=gettext_lazy("Your answer"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
        error_messages={"required": gettext_lazy("Write the answer.")},
    )
    send_privately = forms.BooleanField(
        label=gettext_lazy("Put this answer on the asker's private page"),
        required=False,
        help_text=gettext_lazy("If they left an email, they are told it is ready; the email does not contain it."),
    )
    phoned = forms.BooleanField(label=gettext_lazy("I have given this answer by phone"), required=False)
    publish = forms.BooleanField(label=gettext_lazy("Publish on the questions page"), required=False)
    public_subject = forms.ChoiceField(label=gettext_lazy("Published under"), choices=Subject.choices)
    public_question = forms.CharField(
        label=gettext_lazy("The question as it will be published"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=gettext_lazy(
            "Remove names, places, schools, dates, ages, relationships and anything else that could "
            "identify the asker or anyone they mention. Correct the spelling if you like."
        ),
    )
    public_answer = forms.CharField(
        label=gettext_lazy("The answer as it will be published"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        help_text=gettext_lazy("Leave empty to publish your answer above as it is."),
    )
    redacted = forms.BooleanField(
        label=gettext_lazy("I have removed everything that could identify the asker or anyone else"),
        required=False,
    )
    # When the question was last answered, as this form saw it: two Answerers (or a double
    # click) must not both answer, and the asker must not be told twice.
    seen = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, question, **kwargs):
        self.question = question
        initial = {
            "seen": seen_value(question),
            "public_subject": question.subject,
            "public_question": question.question,
            "send_privately": True,
            **kwargs.pop("initial", {}),
        }
        super().__init__(*args, initial=initial, **kwargs)
        if question.has_email or not question.contact:
            del self.fields["phoned"]
        if not question.publish_consent or question.published_id:
            for name in ("publish", "public_subject", "public_question", "public_answer", "redacted"):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        cleaned["answer"] = clean_free_text(cleaned.get("answer", "")).strip()
        visible = "".join(char for char in cleaned["answer"] if unicodedata.category(char) != "Cf").strip()
        if "answer" in self.data and not visible and not self.has_error("answer"):
            self.add_error("answer", _("Write the answer."))
        publish = cleaned.get("publish")
        if not (cleaned.get("send_privately") or cleaned.get("phoned") or publish):
            raise forms.ValidationError(
                _("Choose where the answer goes: the asker's private page, by phone, or the questions page.")
            )
        if publish:
            cleaned["public_question"] = clean_free_text(cleaned.get("public_question", "")).strip()
            cleaned["public_answer"] = clean_free_text(cleaned.get("public_answer", "")).strip() or cleaned["answer"]
            if not cleaned["public_question"]:
                self.add_error("public_question", _("Write the question as it will be published."))
            if not cleaned.get("redacted"):
                self.add_error("redacted", _("Check the question and answer for anything that identifies someone."))
        return cleaned


def seen_value(question):
    return question.answered_at.isoformat() if question.answered_at else ""


def answer(question, form, user):
    """Save what the form says, in one transaction; False if the question cannot be answered
    now (closed, spam, or answered meanwhile by someone else)."""
    data = form.cleaned_data
    with transaction.atomic():
        current = AnonymousQuestion.objects.select_for_update().get(pk=question.pk)
        if current.status not in ANSWERABLE or current.anonymised_at or seen_value(current) != data.get("seen", ""):
            return False
        now = timezone.now()
        private = bool(data.get("send_privately") or data.get("phoned"))
        current.answer = data["answer"]
        current.answered_at, current.answered_by = now, user
        if data.get("send_privately"):
            current.answer_on_page = True
        if data.get("phoned"):
            current.phoned_at = now
        published = None
        if data.get("publish") and current.publish_consent and not current.published_id:
            published = PublishedAnswer.objects.create(
                locale=current.locale,
                subject=data["public_subject"],
                question=data["public_question"],
                answer=linebreaks(escape(data["public_answer"])),
                published_at=now,
                consent_text=current.publish_consent_text,
                consented_at=current.submitted_at,
            )
            current.published = published
        current.save()
        # The asker's links work for a while after the answer, however long it took.
        current.links.update(expires_at=now + timedelta(days=settings.QUESTION_LINK_DAYS))
        if current.status == QuestionStatus.NEW:
            current.move_to(QuestionStatus.ANSWERED, user=user, by_action=True)
        log(
            current,
            "sharaka.question.answered",
            user=user,
            data={"private": private, "phoned": bool(data.get("phoned")), "published": published is not None},
        )
        if (data.get("send_privately") or published) and current.has_email:
            email = queue_notice(
                current,
                to=current.contact,
                template="feedback/emails/answer_ready",
                extra={"link_days": settings.QUESTION_LINK_DAYS},
            )
            transaction.on_commit(lambda: enqueue([email.pk]))
    question.refresh_from_db()
    return True


class QuestionInspectView(SubmissionInspectView):
    """The question, with the answer form for those who may answer."""

    answer_form = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        question = self.object
        may_answer = context["can_change"] and question.status in ANSWERABLE and not question.anonymised_at
        context["answer_form"] = (self.answer_form or AnswerForm(question=question)) if may_answer else None
        return context


class AnswerView(QuestionInspectView):
    """POST the answer; on a problem, the question's page again (400) with the form as typed."""

    http_method_names = ["post"]
    permission_required = "change"

    def post(self, request, *args, **kwargs):
        question = self.object
        form = AnswerForm(request.POST, question=question)
        if not form.is_valid():
            self.answer_form = form
            return self.render_to_response(self.get_context_data(), status=400)
        if answer(question, form, request.user):
            if question.published_id and form.cleaned_data.get("publish"):
                messages.success(request, _("Answered and published on the questions page."))
            else:
                messages.success(request, _("Answered."))
        else:
            messages.error(
                request,
                _("This question was answered meanwhile, or can no longer be answered: check it first."),
            )
        mark_acted(request, question)
        return redirect(self.inspect_url_name, question.pk)


class QuestionFilterSet(SubmissionFilterSet):
    status = django_filters.MultipleChoiceFilter(label=gettext_lazy("Status"), widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = AnonymousQuestion
        fields = ["status", "subject", "assignee", "locale", "source_page", "submitted_at", "overdue", "find"]


class QuestionViewSet(SubmissionViewSet):
    model = AnonymousQuestion
    name = "anonymous_question"
    icon = "help"
    menu_label = gettext_lazy("Anonymous questions")
    inspect_view_class = QuestionInspectView
    filterset_class = QuestionFilterSet
    find_fields = ("reference",)
    find_label = gettext_lazy("Find by reference, words of the question, phone or email")
    list_select_related = ("assignee__wagtail_userprofile", "locale")
    export_filename = "anonymous-questions"
    list_export = ["reference", "get_status_display", "submitted_at", "locale", "get_subject_display", "question"]
    export_headings = {"get_status_display": gettext_lazy("Status"), "get_subject_display": gettext_lazy("About")}

    @property
    def list_display(self):
        return [
            ReferenceColumn(self.get_url_name("inspect")),
            IsolatedColumn("question", label=gettext_lazy("Question")),
            Column("crisis", label=gettext_lazy("Crisis words"), accessor="crisis_label"),
            StatusColumn(),
            Column("locale", label=gettext_lazy("Language"), accessor="locale.get_display_name"),
            user_column("assignee", gettext_lazy("Assigned to")),
            ReceivedColumn(),
        ]

    def get_inspect_view_kwargs(self, **kwargs):
        kwargs = super().get_inspect_view_kwargs(**kwargs)
        kwargs["action_url_names"] = {**kwargs["action_url_names"], "answer": self.get_url_name("answer")}
        return kwargs

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "answer/<int:pk>/",
                self.construct_view(AnswerView, **self.get_inspect_view_kwargs()),
                name="answer",
            ),
        ]
