"""Demo: topics, help services, campaigns, success stories and standard pages.

Facts and figures come from the source documents in shared/seeds (the
"We are all police" volunteer initiative's half-year figures, a discussion
session with twenty community leaders, a security forces' community outreach
programme); every sentence is written for this site.
"""

import datetime

from django.utils import timezone
from wagtail.models import Site

from campaigns.models import (
    CampaignIndexPage,
    CampaignPage,
    CampaignPageTopic,
    FeaturedCampaign,
    HelpService,
    StandardPage,
    StoryIndexPage,
    SuccessStoryPage,
    SuccessStoryPageTopic,
    Topic,
)
from core.models import SiteSettings
from demo.images import demo_image

TOPICS = [
    # slug, Arabic name, English name, Arabic description, English description
    (
        "drug-prevention",
        "الوقاية من المخدرات",
        "Drug prevention",
        "كيف نحمي أبناءنا من المخدرات، ونلاحظ العلامات مبكراً، ونعرف أين نطلب المساعدة.",
        "Protecting young people from drugs, noticing the signs early and knowing where to get help.",
    ),
    (
        "road-safety",
        "السلامة المرورية",
        "Road safety",
        "طرق أكثر أماناً للمشاة والطلاب والسائقين.",
        "Safer roads for pedestrians, pupils and drivers.",
    ),
    (
        "online-safety",
        "الأمان على الإنترنت",
        "Online safety",
        "الاحتيال والابتزاز الإلكتروني وحماية الأطفال على الشبكة.",
        "Scams, online blackmail and keeping children safe online.",
    ),
    (
        "family-and-school",
        "الأسرة والمدرسة",
        "Family and school",
        "حل الخلافات الأسرية والمدرسية ودعم الطلاب المعرضين للخطر.",
        "Resolving family and school disputes and supporting pupils at risk.",
    ),
    (
        "volunteering",
        "التطوع",
        "Volunteering",
        "فرص التطوع مع الشرطة المجتمعية والتدريب عليها.",
        "Volunteering with the community police, and the training that comes with it.",
    ),
]

HELP_SERVICES = [
    {
        "key": "emergency",
        "name": ("الطوارئ: الشرطة والإسعاف", "Emergency: police and ambulance"),
        "description": (
            "اتصلوا فوراً إذا كانت حياة أحد في خطر، أو تناول شخص جرعة زائدة، أو وقعت جريمة الآن.",
            "Call at once if someone's life is in danger, someone has taken an overdose, or a crime is happening now.",
        ),
        "phone": "999",
        "hours": ("على مدار الساعة", "Around the clock"),
        "area": ("جميع المناطق", "Everywhere"),
        "crisis": True,
    },
    {
        "key": "child-line",
        "name": ("خط حماية الطفل والأسرة", "Child and family protection line"),
        "description": (
            "لكل طفل أو مراهق يتعرض للأذى أو التهديد، ولكل من يقلق على طفل. المكالمة مجانية وسرية.",
            "For any child or teenager being harmed or threatened, and for anyone worried about a child. Free and confidential.",
        ),
        "phone": "116 111",
        "hours": ("على مدار الساعة", "Around the clock"),
        "area": ("جميع المناطق", "Everywhere"),
        "crisis": True,
    },
    {
        "key": "advice-line",
        "name": ("خط الاستشارات السرية حول المخدرات", "Confidential drug advice line"),
        "description": (
            "مختصون يجيبون عن أسئلة الأهل والشباب حول المخدرات والإدمان، دون ذكر الأسماء ودون أي إجراء قانوني.",
            "Specialists answer questions from parents and young people about drugs and addiction, anonymously and with no legal action.",
        ),
        "phone": "800 4673",
        "hours": ("من الأحد إلى الخميس، 8 صباحاً حتى 8 مساءً", "Sunday to Thursday, 8am to 8pm"),
        "area": ("جميع المناطق", "Everywhere"),
        "crisis": False,
    },
    {
        "key": "treatment",
        "name": (
            "مركز علاج الإدمان وإعادة التأهيل",
            "Addiction treatment and rehabilitation centre",
        ),
        "description": (
            "علاج طبي ونفسي للمتعافين وأسرهم. من يطلب العلاج بنفسه لا يُلاحق قانونياً.",
            "Medical and psychological treatment for people in recovery and their families. Anyone who asks for treatment themselves is not prosecuted.",
        ),
        "phone": "04 555 0199",
        "second_phone": "04 555 0198",
        "hours": ("يومياً، 7 صباحاً حتى 10 مساءً", "Daily, 7am to 10pm"),
        "area": ("المدينة وضواحيها", "The city and its suburbs"),
        "website": "https://treatment.sharaka.example",
        "crisis": False,
    },
]


def _topics(demo):
    topics = {}
    for order, (slug, name_ar, name_en, desc_ar, desc_en) in enumerate(TOPICS, start=1):
        topic = Topic.objects.filter(slug=slug, locale=demo.arabic).first()
        if topic is None:
            topic = Topic.objects.create(
                slug=slug,
                name=demo.t(name_ar, name_en),
                description=demo.t(desc_ar, desc_en),
                sort_order=order * 10,
                locale=demo.arabic,
            )
        else:
            demo.t(topic.name, name_en)
            demo.t(topic.description, desc_en)
        if demo.english_of(topic) is None:
            demo.translate(topic)
        topics[slug] = topic
    demo.say(f"  {len(topics)} topics in both languages")
    return topics


def _help_services(demo):
    services = {}
    for data in HELP_SERVICES:
        name_ar, name_en = data["name"]
        service = HelpService.objects.filter(name=name_ar, locale=demo.arabic).first()
        texts = {field: demo.t(*data[field]) for field in ("name", "description", "hours", "area")}
        if service is None:
            service = HelpService.objects.create(
                locale=demo.arabic,
                phone=data["phone"],
                second_phone=data.get("second_phone", ""),
                website=data.get("website", ""),
                is_crisis_line=data["crisis"],
                **texts,
            )
        if demo.english_of(service) is None:
            demo.translate(service)
        services[data["key"]] = service
    demo.say(f"  {len(services)} help services (crisis lines marked)")
    return services


def stream_body(*blocks):
    """StreamField data as the editor would save it.

    Passed through the block definitions so list items get their own ids
    (wagtail-localize only extracts list items in that format, and myth
    anchors are built from them); an unknown block type is an error rather
    than silently dropped.
    """
    from campaigns.blocks.body import BodyBlock

    body = BodyBlock()
    for kind, _value in blocks:
        if kind not in body.child_blocks:
            raise ValueError(f"unknown body block {kind!r}")
    value = body.to_python([{"type": kind, "value": value} for kind, value in blocks])
    list(value)  # materialise every child, so it is re-serialised from its block rather than copied raw
    return body.get_prep_value(value)


def _heading(demo, ar, en, level="h2"):
    return ("heading", {"text": demo.t(ar, en), "level": level})


def _text(demo, *paragraphs):
    return ("text", demo.rich(*paragraphs))


def _source(demo, title, publisher, url=""):
    return {
        "type": "source",
        "value": {"title": demo.t(*title), "publisher": demo.t(*publisher), "url": url},
    }


def _campaign(
    demo,
    index,
    topics,
    *,
    slug,
    title,
    summary,
    body,
    topic_slugs,
    start,
    end=None,
    image=None,
    reviewed=None,
    sources=(),
):
    title_ar, summary_ar = demo.t(*title), demo.t(*summary)
    alt_ar = demo.t(*image[2]) if image else ""
    page = index.get_children().filter(slug=demo.slug(*slug)).first()
    if page is None:
        page = CampaignPage(
            title=title_ar,
            slug=slug[0],
            summary=summary_ar,
            body=stream_body(*body),
            start_date=start,
            end_date=end,
            last_reviewed=reviewed,
            sources=list(sources),
            locale=demo.arabic,
        )
        if image:
            page.hero_image = demo_image(image[0], image[1])
            page.hero_image_alt = alt_ar
        page.topics = [CampaignPageTopic(topic=topics[slug_], locale=demo.arabic) for slug_ in topic_slugs]
        index.add_child(instance=page)
        page.save_revision().publish()
    else:
        page = page.specific
    return page


def _campaigns(demo, home, topics, services):
    t = demo.t
    index, _ = demo.child_page(
        home,
        CampaignIndexPage,
        demo.slug("الحملات", "campaigns"),
        title=t("الحملات والإرشادات", "Campaigns and guidance"),
        intro=t(
            "حملات توعية تنظمها الشرطة المجتمعية مع السكان والمدارس والجمعيات، وإرشادات عملية يمكن الوثوق بها.",
            "Awareness campaigns the community police run with residents, schools and associations, and practical guidance you can trust.",
        ),
        show_in_menus=True,
    )
    if demo.english_of(index) is None:
        demo.translate(index)

    today = timezone.localdate()
    reviewed = today - datetime.timedelta(days=40)
    drug_sources = [
        _source(
            demo,
            (
                "المعايير الدولية للوقاية من تعاطي المخدرات",
                "International Standards on Drug Use Prevention",
            ),
            ("مكتب الأمم المتحدة المعني بالمخدرات والجريمة ومنظمة الصحة العالمية", "UNODC and WHO"),
            "https://www.unodc.org/unodc/en/prevention/prevention-standards.html",
        ),
        _source(
            demo,
            (
                "دليل الإرشاد الأسري في الوقاية من الإدمان",
                "Family guidance handbook on preventing addiction",
            ),
            (
                "إدارة الشرطة المجتمعية، قسم التوعية",
                "Community policing department, awareness unit",
            ),
        ),
    ]
    helplines = (
        "help_lines",
        {
            "heading": t("أين تجدون المساعدة", "Where to get help"),
            "intro": t(
                "إذا كان أحد في خطر الآن فاتصلوا بالطوارئ. لغير ذلك، هذه الخطوط تستمع إليكم بسرية.",
                "If someone is in danger now, call emergency services. For everything else, these lines listen in confidence.",
            ),
            "services": [services[key].pk for key in ("advice-line", "emergency", "treatment", "child-line")],
        },
    )

    signs = _campaign(
        demo,
        index,
        topics,
        slug=("اعرف-العلامات", "know-the-signs"),
        title=(
            "اعرف العلامات: كيف تلاحظ تعاطي المخدرات مبكراً",
            "Know the signs: noticing drug use early",
        ),
        summary=(
            "تغيّرات في السلوك والصحة والمال قد تدل على أن شاباً يتعاطى المخدرات. ملاحظتها مبكراً تجعل المساعدة أسهل.",
            "Changes in behaviour, health and money can show that a young person is using drugs. Noticing them early makes helping easier.",
        ),
        topic_slugs=["drug-prevention", "family-and-school"],
        start=today - datetime.timedelta(days=75),
        image=(
            "signs",
            "Warning triangle illustration",
            ("رسم لمثلث تحذير أصفر", "Drawing of a yellow warning triangle"),
        ),
        reviewed=reviewed,
        sources=drug_sources,
        body=[
            _text(
                demo,
                (
                    "p",
                    "لا توجد علامة واحدة تثبت التعاطي، لكن اجتماع عدة علامات لفترة من الوقت يستحق الانتباه والحوار الهادئ.",
                    "No single sign proves drug use, but several signs together over a period of time deserve attention and a calm conversation.",
                ),
                (
                    "p",
                    "تذكّروا أن كثيراً من هذه التغيّرات قد يكون سببها ضغط الدراسة أو مشكلة مع الأصدقاء، فابدؤوا بالسؤال لا بالاتهام.",
                    "Remember that many of these changes can come from exam pressure or trouble with friends, so start by asking, not accusing.",
                ),
            ),
            (
                "warning_signs",
                {
                    "heading": t("علامات قد تدل على التعاطي", "Signs that may point to drug use"),
                    "intro": t(
                        "انتبهوا خصوصاً إذا ظهرت هذه العلامات فجأة أو اجتمعت معاً:",
                        "Pay particular attention if these signs appear suddenly or together:",
                    ),
                    "signs": [
                        t(
                            "تغيير مفاجئ في الأصدقاء والابتعاد عن الأسرة",
                            "A sudden change of friends and withdrawing from the family",
                        ),
                        t(
                            "تراجع الدرجات أو الغياب المتكرر عن المدرسة",
                            "Falling marks or repeated absence from school",
                        ),
                        t(
                            "طلب المال باستمرار أو اختفاء أشياء من البيت",
                            "Constantly asking for money, or things going missing at home",
                        ),
                        t(
                            "اضطراب النوم والشهية، واحمرار العينين",
                            "Disturbed sleep and appetite, and red eyes",
                        ),
                        t(
                            "العصبية الشديدة أو التكتم على الهاتف والخروج",
                            "Sharp irritability, or secrecy about the phone and going out",
                        ),
                    ],
                    "advice": demo.rich(
                        (
                            "p",
                            "اختاروا وقتاً هادئاً للحديث، وعبّروا عن قلقكم بمحبة، واستمعوا أكثر مما تتكلمون.",
                            "Choose a quiet moment to talk, say why you are worried with love, and listen more than you speak.",
                        ),
                        (
                            "p",
                            "إن احتجتم إلى نصيحة فاتصلوا بخط الاستشارات السرية؛ لن يُسأل أحد عن اسمه.",
                            "If you need advice, call the confidential advice line; nobody will be asked for their name.",
                        ),
                    ),
                },
            ),
            (
                "myth_fact",
                {
                    "heading": t("خرافات وحقائق", "Myths and facts"),
                    "items": [
                        {
                            "myth": t(
                                "الحبوب المنشطة تساعد على المذاكرة.",
                                "Stimulant pills help you study.",
                            ),
                            "fact": t(
                                "تمنع هذه الحبوب النوم وتضعف التركيز والذاكرة مع الوقت، وقد تسبب اضطراباً في القلب.",
                                "These pills stop sleep, weaken concentration and memory over time, and can upset the heart.",
                            ),
                        },
                        {
                            "myth": t("تجربة واحدة لا تضر.", "Trying it once does no harm."),
                            "fact": t(
                                "جرعة واحدة قد تكون خطرة، خاصة حين لا يُعرف ما تحتويه فعلاً.",
                                "A single dose can be dangerous, especially when nobody knows what it really contains.",
                            ),
                        },
                        {
                            "myth": t(
                                "الإبلاغ عن ابني سيقوده إلى السجن.",
                                "Reporting my son will send him to prison.",
                            ),
                            "fact": t(
                                "طلب العلاج طوعاً لا يؤدي إلى ملاحقة قانونية، والهدف هو التعافي لا العقاب.",
                                "Asking for treatment voluntarily does not lead to prosecution; the aim is recovery, not punishment.",
                            ),
                        },
                    ],
                },
            ),
            helplines,
        ],
    )

    talk = _campaign(
        demo,
        index,
        topics,
        slug=("تحدث-مع-طفلك", "talk-with-your-child"),
        title=(
            "تحدّث مع طفلك: دليل الأهل للحوار عن المخدرات",
            "Talk with your child: a parents' guide to talking about drugs",
        ),
        summary=(
            "الأهل هم الأكثر تأثيراً في قرارات أبنائهم. هكذا تبدؤون حواراً صادقاً يستمر.",
            "Parents have the most influence on their children's choices. Here is how to start an honest conversation that lasts.",
        ),
        topic_slugs=["drug-prevention", "family-and-school"],
        start=today - datetime.timedelta(days=30),
        end=today + datetime.timedelta(days=60),
        image=(
            "conversation",
            "Two speech bubbles illustration",
            ("رسم لفقاعتي حوار زرقاء وخضراء", "Drawing of a blue and a green speech bubble"),
        ),
        reviewed=reviewed,
        sources=drug_sources[:1],
        body=[
            _text(
                demo,
                (
                    "p",
                    "لا تنتظروا المشكلة لتبدؤوا الحديث. الحوار المبكر والمتكرر يبني ثقة تجعل أبناءكم يلجؤون إليكم حين يحتاجون.",
                    "Do not wait for a problem before you start talking. Early, repeated conversations build the trust that makes your children come to you when they need to.",
                ),
            ),
            _heading(demo, "خطوات لحوار ناجح", "Steps to a good conversation"),
            _text(
                demo,
                (
                    "li",
                    "اسألوا عما يعرفه أبناؤكم وما يسمعونه من أصدقائهم.",
                    "Ask what your children know and what they hear from their friends.",
                ),
                (
                    "li",
                    "استمعوا دون مقاطعة أو إصدار أحكام.",
                    "Listen without interrupting or judging.",
                ),
                (
                    "li",
                    "قدّموا معلومات صحيحة وبسيطة تناسب أعمارهم.",
                    "Give correct, simple information that suits their age.",
                ),
                (
                    "li",
                    "اتفقوا معاً على طريقة لرفض العروض دون إحراج.",
                    "Agree together on a way to turn down offers without embarrassment.",
                ),
                (
                    "li",
                    "كرروا الحديث في مناسبات مختلفة، فهو ليس محاضرة واحدة.",
                    "Come back to it on different occasions; it is not a single lecture.",
                ),
            ),
            (
                "quote",
                {
                    "text": t(
                        "حين توقفت عن إلقاء المحاضرات وبدأت بالسؤال، بدأ ابني يحكي لي ما يحدث في المدرسة.",
                        "When I stopped lecturing and started asking, my son began telling me what happens at school.",
                    ),
                    "attribution": t(
                        "أمّ شاركت في إحدى جلسات التوعية",
                        "A mother who took part in an awareness session",
                    ),
                },
            ),
            (
                "faq",
                {
                    "heading": t("أسئلة يطرحها الأهل", "Questions parents ask"),
                    "items": [
                        {
                            "question": t(
                                "في أي عمر أبدأ الحديث عن المخدرات؟",
                                "At what age should I start talking about drugs?",
                            ),
                            "answer": demo.rich(
                                (
                                    "p",
                                    "يمكن البدء من سن المدرسة الابتدائية بحديث عن الأدوية والصحة، ثم التعمق مع الوقت.",
                                    "You can start at primary-school age with talk about medicines and health, then go deeper over time.",
                                )
                            ),
                        },
                        {
                            "question": t(
                                "ماذا أفعل إذا اعترف ابني بأنه جرّب؟",
                                "What do I do if my son admits he has tried something?",
                            ),
                            "answer": demo.rich(
                                (
                                    "p",
                                    "حافظوا على هدوئكم واشكروه على صراحته، ثم اتصلوا بخط الاستشارات لتعرفوا الخطوة التالية.",
                                    "Stay calm and thank him for being honest, then call the advice line to find out the next step.",
                                )
                            ),
                        },
                    ],
                },
            ),
            (
                "call_to_action",
                {
                    "heading": t("احضروا جلسة توعية للأهل", "Come to an awareness session for parents"),
                    "text": t(
                        "تنظم الشرطة المجتمعية جلسات مجانية في المدارس كل شهر.",
                        "The community police run free sessions in schools every month.",
                    ),
                    "page": None,
                    "url": "https://events.sharaka.example",
                    "button_label": t("مواعيد الجلسات", "Session dates"),
                },
            ),
        ],
    )

    where_help = _campaign(
        demo,
        index,
        topics,
        slug=("أين-تجد-المساعدة", "where-to-get-help"),
        title=(
            "أين تجد المساعدة: خطوط الدعم والعلاج",
            "Where to get help: support and treatment lines",
        ),
        summary=(
            "أرقام وخدمات تستمع إليكم بسرية، من الطوارئ إلى العلاج والتأهيل.",
            "Numbers and services that listen in confidence, from emergencies to treatment and rehabilitation.",
        ),
        topic_slugs=["drug-prevention"],
        start=today - datetime.timedelta(days=200),
        image=(
            "help-line",
            "Phone with signal illustration",
            (
                "رسم لهاتف محمول تخرج منه موجات اتصال",
                "Drawing of a mobile phone sending out signal waves",
            ),
        ),
        reviewed=reviewed,
        sources=drug_sources,
        body=[
            helplines,
            _text(
                demo,
                (
                    "p",
                    "طلب المساعدة خطوة شجاعة. المكالمات سرية، ويمكنكم السؤال نيابة عن صديق أو قريب.",
                    "Asking for help is a brave step. Calls are confidential, and you can ask on behalf of a friend or relative.",
                ),
            ),
            (
                "faq",
                {
                    "heading": t("عن السرية", "About confidentiality"),
                    "items": [
                        {
                            "question": t("هل ستعرف الشرطة أنني اتصلت؟", "Will the police know that I called?"),
                            "answer": demo.rich(
                                (
                                    "p",
                                    "لا. خط الاستشارات مستقل ولا يطلب اسماً ولا رقم هوية.",
                                    "No. The advice line is independent and asks for neither a name nor an ID number.",
                                )
                            ),
                        },
                    ],
                },
            ),
        ],
    )

    volunteer = _campaign(
        demo,
        index,
        topics,
        slug=("برنامج-المتطوعين", "volunteer-programme"),
        title=("برنامج متطوعي الشرطة المجتمعية", "Community police volunteer programme"),
        summary=(
            "متطوعون من كل الجنسيات يساندون الشرطة في تنظيم السير وتأمين الفعاليات والإسعافات الأولية والتوعية.",
            "Volunteers of every nationality support the police with traffic, event security, first aid and awareness work.",
        ),
        topic_slugs=["volunteering"],
        start=today - datetime.timedelta(days=365),
        image=(
            "city",
            "City skyline with shield illustration",
            (
                "رسم لأبنية المدينة ودرع أزرق يرمز إلى الأمان",
                "Drawing of city buildings and a blue shield standing for safety",
            ),
        ),
        body=[
            _text(
                demo,
                (
                    "p",
                    "يفتح البرنامج بابه لكل مقيم بلغ الثامنة عشرة ويجد في نفسه القدرة على خدمة حيّه. يتدرب المتطوعون ثم يعملون إلى جانب الشرطة في الميدان.",
                    "The programme is open to every resident aged 18 or over who feels able to serve their neighbourhood. Volunteers are trained, then work beside the police in the field.",
                ),
            ),
            (
                "key_figures",
                {
                    "heading": t("حصيلة النصف الأول من العام", "Results for the first half of the year"),
                    "figures": [
                        {"value": 42073, "label": t("ساعة عمل تطوعي", "volunteer hours")},
                        {"value": 7263, "label": t("متطوعاً تلقّوا التدريب", "volunteers trained")},
                        {
                            "value": 21,
                            "label": t("دورة تأسيسية وتخصصية", "foundation and specialist courses"),
                        },
                        {
                            "value": 152001,
                            "label": t(
                                "متطوعاً وصلتهم 12 رسالة تحفيزية",
                                "volunteers reached by 12 motivational messages",
                            ),
                        },
                    ],
                },
            ),
            _heading(demo, "مجالات التطوع", "Ways to volunteer"),
            _text(
                demo,
                (
                    "li",
                    "تنظيم حركة السير قرب المدارس وفي المناسبات",
                    "Organising traffic near schools and at events",
                ),
                (
                    "li",
                    "تأمين الفعاليات والتجمعات العامة",
                    "Security at events and public gatherings",
                ),
                ("li", "الإسعافات الأولية", "First aid"),
                (
                    "li",
                    "حملات التوعية في الأحياء والمدارس",
                    "Awareness campaigns in neighbourhoods and schools",
                ),
                ("li", "الاستجابة للأزمات والكوارث", "Crisis and disaster response"),
                ("li", "رعاية المسنين والأيتام", "Care for the elderly and orphans"),
                ("li", "الفعاليات المجتمعية", "Community events"),
            ),
            _heading(demo, "التدريب", "Training"),
            _text(
                demo,
                (
                    "p",
                    "يحصل كل متطوع على دورة تأسيسية، ثم يختار دورات متخصصة منها: الإسعافات الأولية، وكتابة التقارير، وأمن الفعاليات، والأزمات والكوارث، وإدارة الفرص التطوعية، والابتكار في العمل الشرطي.",
                    "Every volunteer takes a foundation course, then chooses specialist courses such as first aid, report writing, event security, crises and disasters, managing volunteer opportunities, and innovation in policing.",
                ),
            ),
        ],
    )

    road = _campaign(
        demo,
        index,
        topics,
        slug=("طريق-آمن-إلى-المدرسة", "safe-road-to-school"),
        title=("طريق آمن إلى المدرسة", "A safe road to school"),
        summary=(
            "مع بداية الفصل الدراسي القادم، يقف المتطوعون عند معابر المشاة قرب المدارس لمساعدة الطلاب وتذكير السائقين.",
            "When the next school term starts, volunteers will stand at crossings near schools to help pupils and remind drivers.",
        ),
        topic_slugs=["road-safety", "volunteering"],
        start=today + datetime.timedelta(days=45),
        end=today + datetime.timedelta(days=140),
        image=(
            "road",
            "Zebra crossing illustration",
            ("رسم لشارع فيه ممر مشاة أبيض", "Drawing of a street with a white zebra crossing"),
        ),
        body=[
            _text(
                demo,
                (
                    "p",
                    "ساعات الصباح أخطر أوقات اليوم على الطلاب المشاة. ستنطلق الحملة في عشر مدارس ثم تتوسع بحسب عدد المتطوعين.",
                    "Morning hours are the most dangerous time of day for pupils on foot. The campaign will start at ten schools, then grow with the number of volunteers.",
                ),
            ),
            (
                "warning_signs",
                {
                    "heading": t("نصائح للسائقين قرب المدارس", "Advice for drivers near schools"),
                    "intro": "",
                    "advice": "",
                    "signs": [
                        t(
                            "خففوا السرعة عند رؤية لافتة المدرسة",
                            "Slow down when you see a school sign",
                        ),
                        t("لا تتوقفوا فوق معبر المشاة", "Never stop on the pedestrian crossing"),
                        t("اتركوا الهاتف جانباً أثناء القيادة", "Put your phone away while driving"),
                    ],
                },
            ),
            (
                "call_to_action",
                {
                    "heading": t("ساعتان في الأسبوع تصنعان فرقاً", "Two hours a week make a difference"),
                    "text": t(
                        "انضموا إلى متطوعي تنظيم السير قرب مدرسة في حيّكم.",
                        "Join the volunteers organising traffic near a school in your neighbourhood.",
                    ),
                    "page": volunteer.pk,
                    "url": "",
                    "button_label": t("قدّموا طلب التطوع", "Apply to volunteer"),
                },
            ),
        ],
    )

    online = _campaign(
        demo,
        index,
        topics,
        slug=("أمان-أطفالنا-على-الإنترنت", "children-safe-online"),
        title=("أمان أطفالنا على الإنترنت", "Keeping our children safe online"),
        summary=(
            "حملة الصيف الماضي حول الابتزاز الإلكتروني وكيف يحمي الأهل أبناءهم على الألعاب ومواقع التواصل.",
            "Last summer's campaign on online blackmail and how parents can protect their children on games and social media.",
        ),
        topic_slugs=["online-safety", "family-and-school"],
        start=today - datetime.timedelta(days=170),
        end=today - datetime.timedelta(days=80),
        image=(
            "laptop",
            "Laptop with padlock illustration",
            ("رسم لحاسوب محمول على شاشته قفل", "Drawing of a laptop with a padlock on its screen"),
        ),
        body=[
            _text(
                demo,
                (
                    "p",
                    "من يتعرض للابتزاز ليس مذنباً. لا تدفعوا ولا تحذفوا الرسائل، واحتفظوا بالأدلة واتصلوا بالشرطة.",
                    "Someone being blackmailed is not to blame. Do not pay and do not delete the messages: keep the evidence and call the police.",
                ),
            ),
            (
                "warning_signs",
                {
                    "heading": t(
                        "علامات أن طفلاً يتعرض لضغط على الإنترنت",
                        "Signs that a child is under pressure online",
                    ),
                    "intro": "",
                    "signs": [
                        t(
                            "يخفي الشاشة أو يغلق الجهاز حين يقترب أحد",
                            "Hides the screen or shuts the device when someone comes near",
                        ),
                        t(
                            "يبدو خائفاً أو حزيناً بعد استخدام الهاتف",
                            "Seems scared or sad after using the phone",
                        ),
                        t(
                            "يتلقى هدايا أو رصيداً من شخص لا تعرفونه",
                            "Receives gifts or phone credit from someone you do not know",
                        ),
                    ],
                    "advice": demo.rich(
                        (
                            "p",
                            "طمئنوا طفلكم بأنه لن يُعاقب على ما حدث، واتصلوا بخط حماية الطفل والأسرة.",
                            "Reassure your child that they will not be punished for what happened, and call the child and family protection line.",
                        ),
                    ),
                },
            ),
        ],
    )

    campaigns = [signs, talk, where_help, volunteer, road, online]
    for page in campaigns:
        if demo.english_of(page) is None:
            demo.translate(page)
    if not index.featured.exists():
        index.featured = [FeaturedCampaign(campaign=page) for page in (signs, volunteer, talk)]
        index.save_revision().publish()
        demo.translate(index)
    demo.say(f"  campaign index and {len(campaigns)} campaigns in both languages")
    return index, volunteer


def _story(
    demo,
    index,
    topics,
    *,
    slug,
    title,
    summary,
    date,
    quote,
    person,
    naming,
    body,
    topic_slugs,
    campaign=None,
    image=None,
):
    texts = {
        "title": demo.t(*title),
        "summary": demo.t(*summary),
        "quote": demo.t(*quote),
        "person_name": demo.t(*person) if person else "",
    }
    alt_ar = demo.t(*image[2]) if image else ""
    page = index.get_children().filter(slug=demo.slug(*slug)).first()
    if page is None:
        page = SuccessStoryPage(
            slug=slug[0],
            story_date=date,
            **texts,
            naming=naming,
            consent_on_file=True,
            related_campaign=campaign,
            body=stream_body(*body),
            locale=demo.arabic,
        )
        if image:
            page.hero_image = demo_image(image[0], image[1])
            page.hero_image_alt = alt_ar
        page.topics = [SuccessStoryPageTopic(topic=topics[s], locale=demo.arabic) for s in topic_slugs]
        index.add_child(instance=page)
        page.save_revision().publish()
    return page.specific


def _stories(demo, home, topics, volunteer_campaign):
    t = demo.t
    index, _ = demo.child_page(
        home,
        StoryIndexPage,
        demo.slug("قصص-النجاح", "success-stories"),
        title=t("قصص النجاح", "Success stories"),
        intro=t(
            "ما أنجزه السكان والمتطوعون والشرطة معاً، بكلماتهم وبموافقتهم.",
            "What residents, volunteers and the police achieved together, in their own words and with their consent.",
        ),
        show_in_menus=True,
    )
    if demo.english_of(index) is None:
        demo.translate(index)
    today = timezone.localdate()

    stories = [
        _story(
            demo,
            index,
            topics,
            slug=("عشرون-من-قادة-المجتمع", "twenty-community-leaders"),
            title=(
                "عشرون من قادة المجتمع يرسمون شراكة جديدة مع الشرطة",
                "Twenty community leaders sketch a new partnership with the police",
            ),
            summary=(
                "جلسة حوار جمعت عشرين من وجهاء الأحياء وممثلي الجمعيات لمناقشة العقبات أمام الأمن المجتمعي واقتراح حلول لها.",
                "A discussion session brought together twenty neighbourhood figures and association representatives to discuss obstacles to community safety and propose solutions.",
            ),
            date=today - datetime.timedelta(days=21),
            quote=(
                "طلبنا من الشرطة أن تفتح صفحة جديدة، ووعدنا بأن نكون شركاء لا متفرجين.",
                "We asked the police to open a new page, and we promised to be partners, not spectators.",
            ),
            person=("سالم", "Salem"),
            naming=SuccessStoryPage.Naming.FIRST,
            topic_slugs=["family-and-school"],
            image=(
                "circle",
                "Circle of people illustration",
                (
                    "رسم لثمانية أشخاص يجلسون حول طاولة مستديرة",
                    "Drawing of eight people sitting around a round table",
                ),
            ),
            body=[
                _text(
                    demo,
                    (
                        "p",
                        "شارك في الجلسة عشرون من القيادات المجتمعية وممثلي منظمات المجتمع المدني، وناقشوا كيف تُبنى الثقة بين السكان وأجهزة الشرطة.",
                        "Twenty community leaders and civil-society representatives took part, and discussed how trust is built between residents and the police.",
                    ),
                    (
                        "p",
                        "خرج المشاركون بمقترحات عملية: لقاءات دورية في كل حي، ومبادرات توعية مشتركة، وقناة مباشرة لإيصال الشكاوى ومتابعتها.",
                        "Participants came away with practical proposals: regular meetings in every neighbourhood, joint awareness initiatives, and a direct channel for raising complaints and following them up.",
                    ),
                ),
                (
                    "quote",
                    {
                        "text": t(
                            "الأمن لا تصنعه الدوريات وحدها، بل الثقة بين الجيران والشرطة.",
                            "Safety is not made by patrols alone, but by trust between neighbours and the police.",
                        ),
                        "attribution": t("منسّق الجلسة", "The session's facilitator"),
                    },
                ),
            ],
        ),
        _story(
            demo,
            index,
            topics,
            slug=("نصف-عام-من-العطاء", "half-a-year-of-giving"),
            title=(
                "نصف عام من العطاء: أكثر من 42 ألف ساعة تطوعية",
                "Half a year of giving: more than 42,000 volunteer hours",
            ),
            summary=(
                "في ستة أشهر قدّم المتطوعون 42,073 ساعة عمل، وتدرب 7,263 منهم في 21 دورة.",
                "In six months volunteers gave 42,073 hours of work, and 7,263 of them trained in 21 courses.",
            ),
            date=today - datetime.timedelta(days=50),
            quote=(
                "تعلمت الإسعافات الأولية في دورة المتطوعين، وبعد شهرين ساعدت طفلاً أصيب في مباراة بالحي.",
                "I learned first aid on the volunteers' course, and two months later I helped a boy who was hurt at a neighbourhood match.",
            ),
            person=("مريم الحسن", "Mariam Al-Hassan"),
            naming=SuccessStoryPage.Naming.FULL,
            topic_slugs=["volunteering"],
            campaign=volunteer_campaign,
            image=(
                "bar-chart",
                "Rising bar chart illustration",
                ("رسم لأعمدة بيانية متصاعدة", "Drawing of a rising bar chart"),
            ),
            body=[
                (
                    "key_figures",
                    {
                        "heading": t("النصف الأول من العام بالأرقام", "The first half of the year in numbers"),
                        "figures": [
                            {"value": 42073, "label": t("ساعة تطوعية", "volunteer hours")},
                            {
                                "value": 10,
                                "label": t(
                                    "ورش عصف ذهني حول المشاورات المجتمعية",
                                    "brainstorming workshops on community consultation",
                                ),
                            },
                            {
                                "value": 12,
                                "label": t(
                                    "رسالة تحفيزية عبر الشاشات والتطبيق",
                                    "motivational messages on screens and in the app",
                                ),
                            },
                        ],
                    },
                ),
                _text(
                    demo,
                    (
                        "p",
                        "شارك المتطوعون في عشر ورش للعصف الذهني حول المشاورات المجتمعية، قدّموا فيها مقترحات لتطوير البرنامج نفسه.",
                        "Volunteers took part in ten brainstorming workshops on community consultation, where they proposed ways to improve the programme itself.",
                    ),
                    (
                        "p",
                        "ويأتي المتطوعون من جنسيات كثيرة، يجمعهم الحرص على أمن أحيائهم.",
                        "The volunteers come from many nationalities, brought together by their care for the safety of their neighbourhoods.",
                    ),
                ),
            ],
        ),
        _story(
            demo,
            index,
            topics,
            slug=("من-موسم-الزيتون-إلى-بنك-الدم", "olive-harvest-to-blood-bank"),
            title=(
                "من موسم الزيتون إلى بنك الدم: الشرطة في خدمة الأهالي",
                "From the olive harvest to the blood bank: police serving residents",
            ),
            summary=(
                "برنامج للتواصل المجتمعي يضع طاقات أفراد الأمن في خدمة الناس: قطف الزيتون، والتبرع بالدم، ورعاية الأيتام والمسنين.",
                "A community outreach programme puts security staff's time at the service of residents: the olive harvest, blood donation, and care for orphans and the elderly.",
            ),
            date=today - datetime.timedelta(days=95),
            quote=(
                "لم نتوقع أن نرى رجال الأمن بيننا في الحقل يحملون السلال معنا.",
                "We never expected to see security officers in the field with us, carrying the baskets.",
            ),
            person=("مزارع من القرية", "A farmer from the village"),
            naming=SuccessStoryPage.Naming.ANONYMOUS,
            topic_slugs=["volunteering"],
            image=(
                "olive-harvest",
                "Olive trees illustration",
                ("رسم لثلاث أشجار زيتون في حقل", "Drawing of three olive trees in a field"),
            ),
            body=[
                _text(
                    demo,
                    (
                        "p",
                        "يعمل البرنامج في عشرة فروع، منها مساعدة المزارعين في موسم القطاف ونقل المحصول، وحملات التشجير وتنظيف المدن.",
                        "The programme works in ten branches, including helping farmers with the harvest and carrying the crop, and campaigns to plant trees and clean up towns.",
                    ),
                    (
                        "p",
                        "ويتبرع أفراد الأمن بالدم بانتظام حتى صاروا مخزوناً يُعتمد عليه في حالات الطوارئ، كما يزورون دور الأيتام والمسنين.",
                        "Security staff donate blood so regularly that they have become a reserve to rely on in emergencies, and they visit orphanages and homes for the elderly.",
                    ),
                    (
                        "p",
                        "الهدف بسيط: أن يرى السكان في الشرطة شريكاً يخدمهم، فيتعاونون معها في حفظ الأمن.",
                        "The aim is simple: that residents see the police as a partner serving them, and work with them to keep everyone safe.",
                    ),
                ),
            ],
        ),
    ]
    for page in stories:
        if demo.english_of(page) is None:
            demo.translate(page)
    demo.say(f"  story index and {len(stories)} success stories in both languages")
    return index


def _standard_pages(demo, home):
    t = demo.t
    pages = {}
    specs = [
        (
            "about",
            ("من-نحن", "about"),
            ("من نحن", "About us"),
            (
                "الشرطة المجتمعية وسيط بين مراكز الشرطة وسكان الأحياء، هدفها أن يتحمل الجميع مسؤولية الأمن معاً.",
                "Community policing is the link between police stations and the people of each neighbourhood; its aim is that everyone shares responsibility for safety.",
            ),
            [
                _text(
                    demo,
                    (
                        "p",
                        "نعمل على فتح قنوات تواصل دائمة بين الشرطة والمجتمع، والتدخل المبكر في الخلافات الأسرية والمدرسية وخلافات الجيران قبل أن تكبر.",
                        "We open lasting channels between the police and the community, and step in early in family, school and neighbour disputes before they grow.",
                    ),
                    (
                        "p",
                        "ونعلن عن نجاحاتنا، ونتابع الشكاوى بسرعة واهتمام، ونقيس رضا الناس عن خدمات الشرطة عبر الاستبيانات.",
                        "We make our successes public, follow up complaints quickly and thoroughly, and measure how people feel about police services through surveys.",
                    ),
                ),
            ],
            True,
        ),
        (
            "privacy",
            ("إشعار-الخصوصية", "privacy-notice"),
            ("إشعار الخصوصية", "Privacy notice"),
            (
                "ما البيانات التي نجمعها عبر نماذج الموقع، ولماذا، ومن يطّلع عليها، ومتى نحذفها.",
                "What data we collect through the site's forms, why, who sees it and when we delete it.",
            ),
            [
                _heading(demo, "طلبات التطوع", "Volunteer applications"),
                _text(
                    demo,
                    (
                        "p",
                        "نجمع الاسم ووسيلة التواصل والعمر والمنطقة والاهتمامات لتقييم طلبكم والتواصل معكم فقط. لا نطلب رقم الهوية عبر الموقع.",
                        "We collect your name, contact details, age, area and interests only to assess your application and contact you. We never ask for an ID number on the site.",
                    ),
                    (
                        "p",
                        "لا يطّلع على الطلبات إلا منسقو المتطوعين. تُحذف الطلبات المرفوضة بعد ستة أشهر، وتُحذف بقية الطلبات أو تُجهّل بعد انتهاء مدة الاحتفاظ.",
                        "Only volunteer coordinators see applications. Declined applications are deleted after six months, and others are deleted or anonymised when their retention period ends.",
                    ),
                ),
                _heading(demo, "الاستبيانات", "Surveys"),
                _text(
                    demo,
                    (
                        "p",
                        "الاستبيانات مجهولة الهوية: لا نحفظ عنوان جهازكم ولا بيانات متصفحكم. إذا تركتم وسيلة تواصل بإرادتكم فنستخدمها للرد عليكم فقط.",
                        "Surveys are anonymous: we do not store your device's address or browser details. If you choose to leave contact details, we use them only to reply to you.",
                    ),
                ),
                _heading(demo, "حقوقكم", "Your rights"),
                _text(
                    demo,
                    (
                        "p",
                        "يمكنكم طلب نسخة من بياناتكم أو حذفها بمراسلتنا على عنوان البريد في أسفل الصفحة.",
                        "You can ask for a copy of your data, or for it to be deleted, by writing to the email address at the bottom of the page.",
                    ),
                ),
            ],
            False,
        ),
        (
            "contact",
            ("اتصل-بنا", "contact"),
            ("اتصل بنا", "Contact us"),
            (
                "كيف تصلون إلى الشرطة المجتمعية في حيّكم.",
                "How to reach the community police in your neighbourhood.",
            ),
            [
                _text(
                    demo,
                    (
                        "p",
                        "في حالة الطوارئ اتصلوا دائماً برقم الطوارئ. لغير الطوارئ اتصلوا بخط الشرطة أو راسلونا بالبريد الإلكتروني، ونرد خلال يومي عمل.",
                        "In an emergency, always call the emergency number. Otherwise, call the police line or email us, and we reply within two working days.",
                    ),
                    (
                        "p",
                        "يمكنكم أيضاً زيارة ضابط الشرطة المجتمعية في مركز الشرطة الأقرب إليكم من الأحد إلى الخميس.",
                        "You can also visit the community police officer at your nearest police station, Sunday to Thursday.",
                    ),
                ),
            ],
            True,
        ),
    ]
    for key, slug, title, summary, body, in_menu in specs:
        page, _ = demo.child_page(
            home,
            StandardPage,
            demo.slug(*slug),
            title=t(*title),
            summary=t(*summary),
            body=stream_body(*body),
            show_in_menus=in_menu,
        )
        if demo.english_of(page) is None:
            demo.translate(page)
        pages[key] = page
    demo.say("  about, privacy notice and contact pages in both languages")
    return pages


def load(demo):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    topics = _topics(demo)
    services = _help_services(demo)
    campaign_index, volunteer_campaign = _campaigns(demo, home, topics, services)
    _stories(demo, home, topics, volunteer_campaign)
    pages = _standard_pages(demo, home)

    settings = SiteSettings.for_site(site)
    if settings.privacy_page_id is None:
        settings.privacy_page = pages["privacy"]
        settings.save()
    if home.hero_link_page_id is None:
        home.hero_link_page = campaign_index
        home.volunteer_page = volunteer_campaign
        home.save_revision().publish()
        demo.translate(home)
        demo.say("  home page links to campaigns and the volunteer programme")
