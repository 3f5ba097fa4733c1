"""Demo: readers' answers to "Was this page helpful?" on a campaign page in both languages,
week by week over the last two months, and two comments from readers who said no (one
in each language), so the helpfulness report, a page's weekly figures, the editor's
"Readers" tab and the comments queue have something to show. Run again, it adds none."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page

from demo.loader import read
from feedback.models import HelpfulVote, PageComment


def _page(slug, language):
    return Page.objects.get(slug=slug, locale__language_code=language)


def load(demo):
    if HelpfulVote.objects.exists():
        demo.say("  readers' answers already there")
        return
    data = read("page_feedback")
    now = timezone.now()
    count = 0
    for item in data["pages"]:
        page = _page(item["slug"], item["language"])
        weeks = len(item["weekly_yes"])
        for index, (yes, no) in enumerate(zip(item["weekly_yes"], item["weekly_no"], strict=True)):
            week_start = now - timedelta(weeks=weeks - index)
            for number, helpful in enumerate([True] * yes + [False] * no):
                when = week_start + timedelta(hours=7 + number * 9)
                HelpfulVote.objects.create(page=page, locale=page.locale, helpful=helpful, created_at=min(when, now))
                count += 1
    for item in data["comments"]:
        page = _page(item["slug"], item["language"])
        vote = (
            HelpfulVote.objects.filter(page=page, helpful=False, comment__isnull=True).order_by("-created_at").first()
        )
        PageComment.objects.create(
            vote=vote, comment=item["comment"], source_page=page, locale=page.locale, submitted_at=vote.created_at
        )
    demo.say(f"  {count} readers' answers and {len(data['comments'])} comments on a campaign page")
