"""A first list of crisis words, in both languages, that staff then keep (Settings → Crisis words).

Spelling variants need no line of their own: words are matched after the same
normalisation as search (feedback/crisis.py).
"""

from django.db import migrations

WORDS = """جرعة زائدة
جرعة مفرطة
تسمم
لا يتنفس
فاقد الوعي
انتحار
انتحر
أنتحر
أقتل نفسي
أنهي حياتي
أريد أن أموت
إيذاء النفس
أؤذي نفسي
أجرح نفسي
في خطر
يهددني
يضربني
overdose
overdosing
poisoned
not breathing
unconscious
suicide
suicidal
kill myself
end my life
want to die
self-harm
hurt myself
harm myself
cut myself
in danger
threatening me
beating me"""


def fill(apps, schema_editor):
    CrisisWords = apps.get_model("feedback", "CrisisWords")
    settings = CrisisWords.objects.first() or CrisisWords()
    if not settings.words:
        settings.words = WORDS
        settings.save()


class Migration(migrations.Migration):
    dependencies = [("feedback", "0002_anonymous_questions")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
