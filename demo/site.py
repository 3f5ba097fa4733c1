"""Demo: site settings and the home page, from the volunteer programme's figures."""

from wagtail.models import Site

from core.models import SiteSettings


def load(demo):
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    if not settings.police_number:
        settings.emergency_number = "999"
        settings.police_number = "901"
        settings.help_line_number = "800 4673"
        settings.contact_email = "community@sharaka.example"
        settings.facebook_url = "https://www.facebook.com/sharaka.example"
        settings.x_url = "https://x.com/sharaka_example"
        settings.instagram_url = "https://www.instagram.com/sharaka.example"
        settings.save()
        demo.say("  site settings: emergency and help numbers")

    home = site.root_page.specific
    t = demo.t
    if not home.figures:
        home.title = t("الرئيسية", "Home")
        home.hero_heading = t("معاً نصنع حيّاً أكثر أماناً", "Together we make our neighbourhood safer")
        home.hero_text = t(
            "شراكة نافذة الشرطة المجتمعية على سكان المدينة: حملات توعية، وإرشادات موثوقة "
            "للوقاية من المخدرات، وقصص نجاح، وفرص للتطوع مع فرق الشرطة في الأحياء.",
            "Sharaka is the community police's window on the city's residents: awareness "
            "campaigns, trustworthy drug-prevention guidance, success stories and chances to "
            "volunteer alongside neighbourhood police teams.",
        )
        home.hero_link_label = t("تصفّح الحملات", "Browse the campaigns")
        home.figures_heading = t("ما أنجزناه معاً في ستة أشهر", "What we achieved together in six months")
        home.figures_intro = t(
            "حصيلة برنامج المتطوعين في النصف الأول من العام، كما رصدتها إدارة الشرطة المجتمعية.",
            "The volunteer programme's results for the first half of the year, as recorded by "
            "the community policing department.",
        )
        home.figures = [
            (
                "figure",
                {
                    "value": 42073,
                    "label": t("ساعة عمل تطوعي في خدمة السكان", "volunteer hours serving residents"),
                },
            ),
            (
                "figure",
                {
                    "value": 7263,
                    "label": t("متطوعاً أتمّوا دورات تدريبية", "volunteers who completed training"),
                },
            ),
            (
                "figure",
                {
                    "value": 21,
                    "label": t(
                        "دورة تدريبية، من الإسعافات الأولية إلى إدارة الأزمات",
                        "training courses, from first aid to crisis management",
                    ),
                },
            ),
            (
                "figure",
                {
                    "value": 10,
                    "label": t(
                        "ورش عصف ذهني حول المشاورات المجتمعية",
                        "brainstorming workshops on community consultation",
                    ),
                },
            ),
        ]
        home.volunteer_heading = t("انضموا إلى فريق المتطوعين", "Join the volunteer team")
        home.volunteer_text = t(
            "التطوع مفتوح لكل من بلغ الثامنة عشرة من سكان المدينة، من جميع الجنسيات. "
            "اختاروا المجال الذي يناسب أوقاتكم ومهاراتكم، وسنتواصل معكم خلال أيام.",
            "Volunteering is open to every resident aged 18 or over, of any nationality. "
            "Choose the role that suits your time and skills, and we will contact you within days.",
        )
        home.volunteer_link_label = t("قدّموا طلب التطوع", "Apply to volunteer")
        home.save_revision().publish()
        demo.say("  home page (Arabic)")
    if demo.english_of(home) is None:
        demo.slug(home.slug, "home-en")
        demo.translate(home)
        demo.say("  home page (English translation)")
