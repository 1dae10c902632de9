"""Every meeting has its zone number; the two covering indexes the parent's search reads."""
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0008_number_zones_and_set_link_bits'),
    ]

    operations = [
        migrations.AlterField(
            model_name='meeting',
            name='zone',
            field=models.ForeignKey(db_index=False, editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='meetings.zone'),
        ),
        migrations.RemoveIndex(
            model_name='meeting',
            name='meeting_status_position',
        ),
        migrations.AddIndex(
            model_name='meeting',
            index=models.Index(condition=models.Q(('attendance__in', ['online', 'hybrid']), ('status', 'published')), fields=['children'], include=('id', 'attendance', 'zone', 'start_week_minute', 'end_week_minute', 'philosophy', 'medication_supportive', 'wheelchair_accessible', 'fellowship', 'last_verified', 'focus_bits', 'language_bits', 'latitude', 'longitude'), name='meeting_joined_online'),
        ),
        migrations.AddIndex(
            model_name='meeting',
            index=models.Index(condition=models.Q(('attendance__in', ['in_person', 'hybrid']), ('status', 'published')), fields=['latitude', 'longitude'], include=('children', 'id', 'attendance', 'zone', 'start_week_minute', 'end_week_minute', 'philosophy', 'medication_supportive', 'wheelchair_accessible', 'fellowship', 'last_verified', 'focus_bits', 'language_bits'), name='meeting_met_in_person'),
        ),
    ]
