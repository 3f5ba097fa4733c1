"""The page editor's view of readers' answers: how many found this page helpful lately."""

from wagtail.admin.panels import Panel

from . import stats


class HelpfulnessPanel(Panel):
    """Shown in a page's editor (a tab of campaign, story and standard pages): the share of
    readers who answered "yes" in the last 90 days, against the 90 before, and a link to
    the week-by-week figures and comments for staff who may read them."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "feedback/admin/helpfulness_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            recent, before = stats.for_page(page) if page.pk else (stats.Share(0, 0), stats.Share(0, 0))
            context.update(
                recent=recent,
                before=before,
                may_read=self.request.user.has_perm("feedback.view_pagecomment"),
                page_pk=page.pk,
            )
            return context
