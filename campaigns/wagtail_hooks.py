"""Admin registration for the campaign snippets, grouped under one menu item, and what the
content tells the forms app: the crisis lines and where published answers are read."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from campaigns.models import HelpService, QuestionsPage, Topic, outcomes_of


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]


class HelpServiceViewSet(SnippetViewSet):
    model = HelpService
    icon = "mobile-alt"
    list_display = ["name", "phone", "is_crisis_line"]
    list_filter = ["is_crisis_line"]


class CampaignSnippetsGroup(SnippetViewSetGroup):
    menu_label = _("Campaign library")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (TopicViewSet, HelpServiceViewSet)


register_snippet(CampaignSnippetsGroup)


@hooks.register("sharaka_crisis_help_lines")
def crisis_help_lines(locale):
    """The crisis lines an anonymous asker's confirmation lists (feedback/asking.py)."""
    return list(HelpService.objects.filter(locale=locale, is_crisis_line=True))


@hooks.register("sharaka_questions_page")
def questions_page(locale):
    """Where a published answer is read, in ``locale`` (feedback/answer_page.py)."""
    return QuestionsPage.objects.live().public().filter(locale=locale).first()


@hooks.register("survey_outcome_pages")
def survey_outcome_pages(survey, locale):
    """The survey block links to the "you said, we did" entries about its survey (at most three)."""
    return list(outcomes_of(survey, locale)[:3])
