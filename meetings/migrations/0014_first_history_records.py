"""A first history record ("+") for every meeting that has none (the demo's and imports' bulk
creations wrote none before), with its focus and language links, so that its next change has
a diff and can be reverted. In batches, for a site with a hundred thousand meetings."""
from django.db import migrations

BATCH = 2000
# Stored in English, as every reason (meetings.history words it in the reader's language).
REASON = "Listing as it stood when its history began"


def record_first_versions(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    HistoricalMeeting = apps.get_model("meetings", "HistoricalMeeting")
    links = [
        (Meeting._meta.get_field(field).remote_field.through,
         apps.get_model("meetings", f"HistoricalMeeting_{field}"), other)
        for field, other in (("focus", "focus_id"), ("languages", "language_id"))
    ]
    kept = [field.attname for field in HistoricalMeeting._meta.fields
            if not field.attname.startswith("history_")]
    last = 0
    while ids := list(Meeting.objects.filter(pk__gt=last).order_by("pk")
                      .values_list("pk", flat=True)[:BATCH]):
        last = ids[-1]
        recorded = set(HistoricalMeeting.objects.filter(id__in=ids).values_list("id", flat=True))
        missing = [pk for pk in ids if pk not in recorded]
        if not missing:
            continue
        # Dated when the values it holds were last saved.
        records = HistoricalMeeting.objects.bulk_create([
            HistoricalMeeting(history_type="+", history_date=values["updated"],
                              history_change_reason=REASON,
                              **{name: values[name] for name in kept})
            for values in Meeting.objects.filter(pk__in=missing).values(*kept, "updated")
        ])
        record_of = {record.id: record.history_id for record in records}
        if None in record_of.values():
            record_of = dict(HistoricalMeeting.objects.filter(
                id__in=missing, history_change_reason=REASON).values_list("id", "history_id"))
        for through, history_link, other in links:
            history_link.objects.bulk_create([
                history_link(id=row_id, meeting_id=meeting_id, history_id=record_of[meeting_id],
                             **{other: linked})
                for row_id, meeting_id, linked in through.objects.filter(
                    meeting_id__in=missing).values_list("id", "meeting_id", other)
            ], batch_size=BATCH)


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0013_focus_names_in_spanish"),
    ]

    # The records added are true of the meetings; going back leaves them.
    operations = [migrations.RunPython(record_first_versions, migrations.RunPython.noop, elidable=True)]
