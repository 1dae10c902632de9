"""Numbers the zones meetings use and sets each meeting's link bits: data only, in a migration
of its own, because PostgreSQL will not alter a table with updates pending in the same
transaction."""
from django.db import migrations


def number_zones(apps, schema_editor):
    Zone = apps.get_model("meetings", "Zone")
    Meeting = apps.get_model("meetings", "Meeting")
    names = Meeting.objects.order_by().values_list("timezone", flat=True).distinct()
    Zone.objects.bulk_create([Zone(name=name) for name in names])
    for zone in Zone.objects.all():
        Meeting.objects.filter(timezone=zone.name).update(zone=zone)


def set_link_bits(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    bits = {}
    for field, column, kind in (("focus", "focus_id", 0), ("languages", "language_id", 1)):
        through = Meeting._meta.get_field(field).remote_field.through
        for meeting_id, linked in through.objects.values_list("meeting_id", column):
            if 0 < linked <= 62:  # meetings.models.HIGHEST_LINK_BIT
                bits.setdefault(meeting_id, [0, 0])[kind] |= 1 << linked
    meetings_by_bits = {}
    for meeting_id, pair in bits.items():
        meetings_by_bits.setdefault(tuple(pair), []).append(meeting_id)
    for (focus_bits, language_bits), ids in meetings_by_bits.items():
        for start in range(0, len(ids), 2000):
            Meeting.objects.filter(pk__in=ids[start:start + 2000]).update(
                focus_bits=focus_bits, language_bits=language_bits)


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0007_zones_and_link_bits'),
    ]

    operations = [
        migrations.RunPython(number_zones, migrations.RunPython.noop),
        migrations.RunPython(set_link_bits, migrations.RunPython.noop),
    ]
