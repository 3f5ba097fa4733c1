"""A first list of crisis words, in both languages, that staff then keep (Settings → Crisis words).

Spelling variants and most other forms of a word need no line of their own: words are
matched after the same normalisation as search, Arabic with its prefixes and suffixes and
English reflexive and object pronouns standing for each other (feedback/crisis.py).
"""

from django.db import migrations

WORDS = """جرعة زائدة
جرعة مفرطة
جرعة كبيرة
حبوب كثيرة
تسمم
لا يتنفس
ما يتنفس
لا يستيقظ
لا يصحو
ما يصحى
فاقد الوعي
انتحار
انتحر
أقتل نفسي
أنهي حياتي
أريد أن أموت
بدي موت
إيذاء النفس
أؤذي نفسي
أجرح نفسي
في خطر
يهددني
يضربني
overdose
poisoned
not breathing
stopped breathing
isn't breathing
won't wake up
wont wake up
too many pills
unconscious
suicide
kill myself
end my life
want to die
not want to live
don't want to live
doesn't want to live
self-harm
hurt myself
harm myself
cut myself
in danger
threatening me
beating me
hits me"""


def fill(apps, schema_editor):
    CrisisWords = apps.get_model("feedback", "CrisisWords")
    settings = CrisisWords.objects.first() or CrisisWords()
    if not settings.words:
        settings.words = WORDS
        settings.save()


class Migration(migrations.Migration):
    dependencies = [("feedback", "0002_anonymous_questions")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
