""" "You said, we did": two entries about the residents' survey (one done, one in progress),
under their own index below the home page, in both languages. After the survey step: the
entries point to its survey, whose fifty fictitious responses give their charts figures."""

from wagtail.models import Site

from demo.loader import page


def load(demo):
    home = Site.objects.get(is_default_site=True).root_page.specific
    page(demo, home, "outcomes/_index")
