""" "You said, we did": what residents said in a survey, and what the department did about it.

Entries are pages, so translation (wagtail-localize), scheduled publishing, search, the
sitemap and the page cache's invalidation work as for every other page. The figures of
"what you said" are the survey's live results under the privacy rule of
campaigns/outcome_results.py; the editor writes the rest.
"""

import datetime

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from campaigns import outcome_results
from core.lazy import lazy_value, lazy_values
from core.slugs import NormalisedSlugMixin, NormalisedSlugPageForm
from core.translation import PAGE_TRANSLATABLE_FIELDS
from surveys.models import Survey

from .base import ContentPage, SearchableTextMixin, content_and_details_tabs

OUTCOMES_PER_PAGE = 12
NEWEST_FIRST = ("-outcome_date", "title")


class OutcomeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


def question_choices(locale_id=None):
    """The questions an entry can show, grouped by survey: those with figures (choices, yes or
    no, rating), keyed by their key, which every language version of a survey shares, so
    the surveys of the entry's language are enough."""
    groups = []
    surveys = Survey.objects.select_related("locale").prefetch_related("fields").order_by("title")
    if locale_id is not None:
        surveys = surveys.filter(locale_id=locale_id)
    for survey in surveys:
        questions = [
            (q.clean_name, q.label) for q in survey.fields.all() if q.field_type in outcome_results.COUNTED_TYPES
        ]
        if questions:
            groups.append((f"{survey.title} ({survey.locale.get_display_name()})", questions))
    return groups


class OutcomePageForm(NormalisedSlugPageForm):
    """The entry's editor: the questions to show are ticked from the surveys' questions."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "questions" in self.fields:
            field = self.fields["questions"]
            self.fields["questions"] = forms.MultipleChoiceField(
                label=field.label,
                help_text=field.help_text,
                required=False,
                choices=question_choices(getattr(self.instance, "locale_id", None)),
                widget=forms.CheckboxSelectMultiple,
                initial=self.instance.questions or [],
            )

    def clean(self):
        cleaned = super().clean()
        survey, chosen = cleaned.get("survey"), cleaned.get("questions") or []
        if survey is not None and chosen:
            keys = {question.clean_name for question in survey.questions()}
            if not set(chosen) <= keys:
                self.add_error("questions", _("Tick only questions of the chosen survey, or none to show them all."))
        return cleaned


class OutcomeIndexPage(NormalisedSlugMixin, SearchableTextMixin, Page):
    """Lists the "you said, we did" entries of one language, newest first, by status."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    translatable_fields = [*PAGE_TRANSLATABLE_FIELDS, TranslatableField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.OutcomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("“you said, we did” index")

    def get_search_parts(self):
        return [*super().get_search_parts(), self.intro]

    def outcomes(self):
        return OutcomePage.objects.child_of(self).live().public().order_by(*NEWEST_FIRST)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(lazy_values(lambda: self._listing(request), ("outcomes", "selected_status", "query_string")))
        context["statuses"] = OutcomeStatus.choices
        return context

    def _listing(self, request):
        """The page of entries asked for, made when the template first uses it (core/lazy.py)."""
        outcomes = self.outcomes()
        status = request.GET.get("status", "")
        if status in OutcomeStatus.values:
            outcomes = outcomes.filter(status=status)
        else:
            status = ""
        return {
            "outcomes": Paginator(outcomes, OUTCOMES_PER_PAGE).get_page(request.GET.get("page")),
            "selected_status": status,
            "query_string": urlencode({"status": status} if status else {}),
        }


class OutcomePage(ContentPage):
    """One "you said, we did" entry: a survey's results, and what was done about them.

    The survey is synchronised between languages (answers in every language count
    together); the figures are labelled in the page's language.
    """

    survey = models.ForeignKey(
        "surveys.Survey",
        verbose_name=_("survey"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The survey whose results this entry shows. Answers in every language count together."),
    )
    you_said = models.TextField(
        _("what you said"),
        max_length=1200,
        help_text=_("In a few sentences, what residents told us. The survey's figures are shown under it."),
    )
    questions = models.JSONField(
        _("questions to show"),
        default=list,
        blank=True,
        help_text=_("Tick none to show every question with figures (choices, yes or no, rating)."),
    )
    status = models.CharField(_("status"), max_length=12, choices=OutcomeStatus.choices, default=OutcomeStatus.PLANNED)
    outcome_date = models.DateField(
        _("date"), default=datetime.date.today, help_text=_("When it was done, or when it started or is planned for.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("survey"), FieldPanel("questions"), FieldPanel("you_said")], heading=_("What you said")
        ),
        FieldPanel("body", heading=_("What we did")),
    ]
    details_panels = [FieldPanel("status"), FieldPanel("outcome_date")]
    edit_handler = content_and_details_tabs(content_panels, details_panels)
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("summary"),
        TranslatableField("you_said"),
        TranslatableField("body"),
        SynchronizedField("survey", overridable=False),
        SynchronizedField("questions", overridable=False),
        SynchronizedField("status", overridable=False),
        SynchronizedField("outcome_date", overridable=False),
    ]
    parent_page_types = ["campaigns.OutcomeIndexPage"]
    subpage_types = []
    base_form_class = OutcomePageForm

    class Meta:
        verbose_name = _("“you said, we did” entry")
        verbose_name_plural = _("“you said, we did” entries")

    def get_search_parts(self):
        return [*super().get_search_parts(), self.you_said]

    def results(self):
        """The survey's published figures (campaigns/outcome_results.py), in this page's language."""
        return outcome_results.published_results(self.survey, self.locale, keys=self.questions or None)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["results"] = lazy_value(self.results)
        context["minimum_responses"] = outcome_results.minimum_responses()
        context["minimum_bar"] = outcome_results.minimum_bar()
        # The parent's address is this page's without its last segment (as a campaign's).
        url = self.get_url(request) or ""
        context["outcome_list_url"] = url[: url.rstrip("/").rfind("/") + 1]
        return context


def outcomes_of(survey, locale):
    """The live, public entries about ``survey`` (any of its languages) in ``locale``, newest first."""
    return (
        OutcomePage.objects.live()
        .public()
        .filter(locale=locale, survey__translation_key=survey.translation_key)
        .order_by(*NEWEST_FIRST)
    )
