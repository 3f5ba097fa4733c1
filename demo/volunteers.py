"""Demo: volunteer roles and areas, the application form on the volunteer
programme page, and a few obviously fictitious applications in each status."""

import datetime
import uuid

from django.utils import timezone
from wagtail.models import Locale

from campaigns.models import CampaignPage
from core.phones import normalise_phone
from volunteer_signup.blocks import VolunteerFormBlock
from volunteer_signup.models import ApplicationStatus, Area, VolunteerApplication, VolunteerRole

ROLES = [
    # Arabic name, English name, Arabic description, English description, Arabic time, English time
    (
        "تنظيم حركة السير",
        "Traffic organisation",
        "مساعدة الطلاب والمشاة عند المعابر قرب المدارس وفي المناسبات.",
        "Helping pupils and pedestrians at crossings near schools and at events.",
        "ساعتان صباحاً، يومان في الأسبوع",
        "Two morning hours, two days a week",
    ),
    (
        "أمن الفعاليات",
        "Event security",
        "استقبال الجمهور وتوجيهه والإبلاغ عن أي خطر في الفعاليات العامة.",
        "Welcoming and guiding the public and reporting any danger at public events.",
        "بحسب الفعاليات، غالباً في عطلة نهاية الأسبوع",
        "Depends on events, mostly at weekends",
    ),
    (
        "الإسعافات الأولية",
        "First aid",
        "تقديم الإسعاف الأولي في الفعاليات والحوادث حتى وصول الفرق الطبية.",
        "Giving first aid at events and incidents until medical teams arrive.",
        "مناوبات مرنة بعد دورة الإسعافات الأولية",
        "Flexible shifts after the first-aid course",
    ),
    (
        "حملات التوعية",
        "Awareness campaigns",
        "المشاركة في جلسات التوعية في المدارس والأحياء حول المخدرات والسلامة.",
        "Taking part in awareness sessions in schools and neighbourhoods on drugs and safety.",
        "جلستان في الشهر",
        "Two sessions a month",
    ),
    (
        "الاستجابة للأزمات والكوارث",
        "Crisis and disaster response",
        "مساندة فرق الطوارئ في الإيواء والتوزيع والإرشاد عند الكوارث.",
        "Supporting emergency teams with shelter, distribution and guidance in disasters.",
        "عند الاستدعاء، بعد دورة الأزمات والكوارث",
        "On call, after the crises and disasters course",
    ),
    (
        "رعاية المسنين والأيتام",
        "Care for the elderly and orphans",
        "زيارات منتظمة لدور المسنين والأيتام وتنظيم أنشطة لهم.",
        "Regular visits to homes for the elderly and orphanages, and activities for them.",
        "زيارة واحدة في الأسبوع",
        "One visit a week",
    ),
    (
        "الفعاليات المجتمعية",
        "Community events",
        "المساعدة في تنظيم حملات التنظيف والتشجير والأيام المفتوحة.",
        "Helping to organise clean-up and tree-planting campaigns and open days.",
        "بضع ساعات في الشهر",
        "A few hours a month",
    ),
]

AREAS = [
    ("وسط المدينة", "City centre"),
    ("الحي الشمالي", "Northern district"),
    ("الحي الشرقي", "Eastern district"),
    ("الضواحي الجنوبية", "Southern suburbs"),
    ("الحي القديم", "Old town"),
    ("المنطقة الصناعية", "Industrial area"),
]

APPLICATIONS = [
    # name, phone, email, age band, status, locale, days ago, area index, role indexes
    (
        "مثال أول (طلب تجريبي)",
        "0500000101",
        "demo.applicant1@example.org",
        "25_34",
        ApplicationStatus.NEW,
        "ar",
        1,
        0,
        [0, 3],
    ),
    (
        "Demo Applicant Two",
        "0500000102",
        "demo.applicant2@example.org",
        "35_44",
        ApplicationStatus.NEW,
        "en",
        9,
        1,
        [2],
    ),
    (
        "مثال ثالث (طلب تجريبي)",
        "0500000103",
        "",
        "18_24",
        ApplicationStatus.IN_REVIEW,
        "ar",
        4,
        2,
        [1, 6],
    ),
    (
        "Demo Applicant Four",
        "0500000104",
        "demo.applicant4@example.org",
        "45_54",
        ApplicationStatus.ACCEPTED,
        "en",
        20,
        3,
        [5],
    ),
    (
        "مثال خامس (طلب تجريبي)",
        "0500000105",
        "demo.applicant5@example.org",
        "55_64",
        ApplicationStatus.WAITLISTED,
        "ar",
        15,
        4,
        [4],
    ),
    (
        "مثال سادس (طلب تجريبي)",
        "0500000106",
        "",
        "25_34",
        ApplicationStatus.DECLINED,
        "ar",
        30,
        5,
        [0],
    ),
]


def _roles(demo):
    roles = []
    for order, (name_ar, name_en, desc_ar, desc_en, time_ar, time_en) in enumerate(ROLES, start=1):
        role = VolunteerRole.objects.filter(locale=demo.arabic, name=name_ar).first()
        texts = {
            "name": demo.t(name_ar, name_en),
            "description": demo.t(desc_ar, desc_en),
            "time_commitment": demo.t(time_ar, time_en),
        }
        if role is None:
            role = VolunteerRole.objects.create(locale=demo.arabic, sort_order=order * 10, **texts)
        if demo.english_of(role) is None:
            demo.translate(role)
        roles.append(role)
    demo.say(f"  {len(roles)} volunteer roles in both languages")
    return roles


def _areas(demo):
    areas = []
    for order, (name_ar, name_en) in enumerate(AREAS, start=1):
        area = Area.objects.filter(locale=demo.arabic, name=name_ar).first()
        if area is None:
            area = Area.objects.create(locale=demo.arabic, name=demo.t(name_ar, name_en), sort_order=order * 10)
        demo.t(name_ar, name_en)
        if demo.english_of(area) is None:
            demo.translate(area)
        areas.append(area)
    demo.say(f"  {len(areas)} areas in both languages")
    return areas


def _embed_form(demo):
    page = CampaignPage.objects.filter(locale=demo.arabic, slug="برنامج-المتطوعين").first()
    if page is None:
        return None
    heading = demo.t("قدّموا طلب التطوع", "Apply to volunteer")
    intro = demo.rich(
        (
            "p",
            "يستغرق الطلب نحو خمس دقائق. لا نطلب رقم الهوية في هذه المرحلة.",
            "The application takes about five minutes. We do not ask for an ID number at this stage.",
        ),
    )
    if not any(isinstance(block.block, VolunteerFormBlock) for block in page.body):
        page.body.append(("volunteer_form", {"heading": heading, "intro": intro, "roles": [], "next_steps": ""}))
        page.save_revision().publish()
        demo.translate(page)
        demo.say("  volunteer application form on the volunteer programme page (both languages)")
    return page


def _applications(demo, page, roles, areas):
    if VolunteerApplication.objects.filter(email__startswith="demo.applicant").exists():
        return
    english_page = demo.english_of(page) if page else None
    now = timezone.now()
    for name, phone, email, age, status, language, days, area_index, role_indexes in APPLICATIONS:
        locale = Locale.objects.get(language_code=language)
        area = areas[area_index]
        chosen = [roles[i] for i in role_indexes]
        if language == "en":
            area = demo.english_of(area)
            chosen = [demo.english_of(role) for role in chosen]
        submitted = now - datetime.timedelta(days=days, hours=3)
        application = VolunteerApplication.objects.create(
            full_name=name,
            phone=normalise_phone(phone),
            email=email,
            age_band=age,
            area=area,
            languages=["ar", "en"] if language == "en" else ["ar"],
            availability=["weekends", "weekday_evenings"],
            skills="",
            motivation="طلب تجريبي لأغراض العرض فقط."
            if language == "ar"
            else "A demo application for trying the queue.",
            consented_at=submitted,
            locale=locale,
            source_page=english_page if language == "en" else page,
            submitted_at=submitted,
            status_changed_at=submitted,
            status=status,
            idempotency_key=f"demo-{uuid.uuid4().hex}",
        )
        application.roles.set(chosen)
    demo.say(f"  {len(APPLICATIONS)} fictitious applications in different statuses")


def load(demo):
    roles = _roles(demo)
    areas = _areas(demo)
    page = _embed_form(demo)
    _applications(demo, page, roles, areas)
