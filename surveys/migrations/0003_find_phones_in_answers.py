"""Index the phone numbers written in free-text answers, so a data request finds them.

From now on ``SurveyResponse.find_text_parts`` adds the E.164 form of each number
found in a free-text answer to the find text; this adds it to the responses saved
before. The contact field was already there.
"""

from django.db import migrations

from core.phones import phones_in_text
from core.search import normalise

TEXT_TYPES = ("singleline", "multiline")  # surveys.models.TEXT_TYPES when this was written


def add_phones(apps, schema_editor):
    SurveyResponse = apps.get_model("surveys", "SurveyResponse")
    SurveyField = apps.get_model("surveys", "SurveyField")
    text_keys = {}
    for field in SurveyField.objects.filter(field_type__in=TEXT_TYPES).values("survey_id", "clean_name"):
        text_keys.setdefault(field["survey_id"], set()).add(field["clean_name"])
    responses = SurveyResponse.objects.filter(anonymised_at__isnull=True).exclude(answers={})
    for response in responses.only("pk", "survey_id", "answers", "search_text").iterator(chunk_size=500):
        keys = text_keys.get(response.survey_id, set())
        answers = [value for key, value in response.answers.items() if key in keys and isinstance(value, str)]
        phones = sorted({phone for answer in answers for phone in phones_in_text(answer)})
        if phones:
            response.search_text = f"{response.search_text} {normalise(' '.join(phones))}".strip()
            response.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [("surveys", "0002_notification_email_staff_domain")]

    operations = [migrations.RunPython(add_phones, migrations.RunPython.noop)]
