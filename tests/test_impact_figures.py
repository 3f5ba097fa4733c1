"""The home page's impact figures counted from the records: approved hours, volunteers
with hours, training courses completed and volunteers trained, over a period, on top of
an editor's baseline, and never from fewer volunteers than the minimum."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.factories import ReportedHoursFactory, SignUpFactory, VolunteerFactory
from tests.test_opportunities import make_opportunity
from volunteer_signup import impact
from volunteer_signup.blocks import ImpactFigureBlock
from volunteer_signup.models import Opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def minimum(settings):
    settings.IMPACT_MINIMUM_PEOPLE = 3
    cache.clear()


def approved_hours(people, hours="2", days_ago=3):
    for _person in range(people):
        ReportedHoursFactory(
            hours=Decimal(hours), status="approved", worked_on=timezone.localdate() - timedelta(days=days_ago)
        )


def course_attended_by(people, days_ago=5, hours=3):
    course = make_opportunity(days=1, hours=hours, capacity=people, kind="training")
    started = timezone.now() - timedelta(days=days_ago)
    Opportunity.objects.filter(translation_key=course.translation_key).update(
        starts_at=started, ends_at=started + timedelta(hours=hours)
    )
    for _person in range(people):
        SignUpFactory(opportunity=course, volunteer=VolunteerFactory(), attendance="attended")
    return course


def render(measure, period="all", baseline=0, label="volunteer hours"):
    block = ImpactFigureBlock()
    value = block.to_python({"measure": measure, "period": period, "baseline": baseline, "label": label})
    return block.is_shown(value), block.render(value)


def test_hours_count_attendance_and_approved_reports_on_top_of_the_baseline():
    approved_hours(2, hours="5.5")
    course_attended_by(2, hours=3)  # 6 hours, two of them trained
    ReportedHoursFactory(hours=Decimal("9"), status="pending")  # not approved: never counts
    assert impact.counts("all").hours == 17  # 5.5 × 2 + 3 × 2
    assert impact.figure("hours", "all", baseline=100) == 110  # in whole tens
    shown, html = render("hours", baseline=42073)
    assert shown and "42,083" in html and "volunteer hours" in html
    assert impact.figure("volunteers", "all") == 4
    assert impact.figure("trainings", "all", baseline=0) is None  # two trained: below the minimum of three


def test_below_the_minimum_only_the_baseline_shows_or_nothing():
    approved_hours(2, hours="5")
    assert impact.figure("hours", "all", baseline=500) == 500
    shown, _html = render("hours", baseline=0)
    assert not shown
    cache.clear()
    approved_hours(1, hours="5")  # a third volunteer: now enough
    assert impact.figure("hours", "all", baseline=500) == 510


def test_training_figures_count_courses_completed_and_the_people_who_completed_them():
    course_attended_by(3)
    course_attended_by(3)
    assert impact.figure("trainings", "all") == 6
    assert impact.figure("trained", "all", baseline=7263) == 7269


def test_a_period_counts_only_what_happened_in_it():
    approved_hours(3, hours="4", days_ago=3)
    approved_hours(3, hours="10", days_ago=250)
    assert impact.figure("hours", "all") == 40  # 42, in whole tens
    assert impact.figure("hours", "6") == 10
    assert impact.figure("hours", "12") == 40


def test_the_counts_are_kept_for_a_bounded_time(settings):
    approved_hours(3)
    assert impact.counts("all").hours == 6
    approved_hours(1)
    assert impact.counts("all").hours == 6  # from the cache
    cache.clear()  # what IMPACT_CACHE_SECONDS does
    assert impact.counts("all").hours == 8


def test_the_counts_are_a_few_queries_whatever_the_programmes_size(django_assert_max_num_queries):
    approved_hours(20)
    course_attended_by(15)
    course_attended_by(15)
    cache.clear()
    with django_assert_max_num_queries(6):
        impact.counts("all")


def test_hours_are_counted_in_whole_tens():
    approved_hours(3, hours="4.5")  # 13.5 hours
    assert impact.figure("hours", "all", baseline=100) == 110


def test_a_home_page_shows_each_count_over_one_period_only():
    from django.core.exceptions import ValidationError

    from home.models import HomePage

    home = HomePage.objects.first() or HomePage(title="Home", hero_heading="Home")
    figure = {"measure": "hours", "baseline": 0, "label": "hours"}
    home.figures = [("impact", {**figure, "period": "all"}), ("impact", {**figure, "period": "6"})]
    with pytest.raises(ValidationError) as refused:
        home.clean()
    assert "figures" in refused.value.message_dict
    home.figures = [
        ("impact", {**figure, "period": "6"}),
        ("impact", {**figure, "measure": "trained", "period": "all"}),
    ]
    home.clean()
