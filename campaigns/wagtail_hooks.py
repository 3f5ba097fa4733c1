"""Admin registration for the campaign snippets, grouped under one menu item."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from campaigns.models import HelpService, Topic, outcomes_of


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


@hooks.register("survey_outcome_pages")
def survey_outcome_pages(survey, locale):
    """The survey block links to the "you said, we did" entries about its survey (at most three)."""
    return list(outcomes_of(survey, locale)[:3])
