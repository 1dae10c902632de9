"""Feed sources and import conflicts move from meetings to feeds, keeping their tables."""

import django.db.models.deletion
import feeds.models
import meetings.schedule
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('meetings', '0009_search_covering_indexes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables exist already; only Django's idea of which app owns them moves.
            state_operations=[
                migrations.CreateModel(
                    name='FeedSource',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120)),
                        ('location', models.CharField(help_text='An http(s) URL, or a file path on the server.', max_length=500, unique=True)),
                        ('format', models.CharField(choices=[('meeting-guide', 'Meeting Guide JSON'), ('csv', "CSV (the Meeting Guide spec's column names)")], default='meeting-guide', max_length=16)),
                        ('fellowship', models.CharField(choices=[('aa', 'Alcoholics Anonymous'), ('na', 'Narcotics Anonymous'), ('al-anon', 'Al-Anon'), ('ca', 'Cocaine Anonymous'), ('cma', 'Crystal Meth Anonymous'), ('smart-recovery', 'SMART Recovery'), ('women-for-sobriety', 'Women for Sobriety'), ('recovery-dharma', 'Recovery Dharma'), ('refuge-recovery', 'Refuge Recovery'), ('parent-group', 'Peer-run parent group'), ('other', 'Other')], default='aa', max_length=32)),
                        ('type_codes', models.CharField(blank=True, help_text="The code set its types use, such as aca (meetings/data/type_codes.json); empty for the fellowship's own.", max_length=32, validators=[feeds.models.validate_code_set])),
                        ('default_timezone', models.CharField(blank=True, help_text='For meetings the feed gives no time zone, such as America/New_York.', max_length=64, validators=[meetings.schedule.validate_timezone])),
                        ('refresh_hours', models.PositiveIntegerField(default=24, help_text='Hours between automatic refreshes; 0 refreshes only by hand.')),
                        ('active', models.BooleanField(default=True)),
                        ('last_run_at', models.DateTimeField(blank=True, null=True)),
                        ('last_run_ok', models.BooleanField(blank=True, null=True)),
                        ('last_run_summary', models.JSONField(blank=True, default=dict)),
                        ('last_run_report', models.TextField(blank=True)),
                        ('created', models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        'db_table': 'meetings_feedsource',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='ImportConflict',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('field', models.CharField(max_length=40)),
                        ('local_value', models.JSONField(blank=True, null=True)),
                        ('feed_value', models.JSONField(blank=True, null=True)),
                        ('previous_feed_value', models.JSONField(blank=True, null=True)),
                        ('detected_at', models.DateTimeField(auto_now_add=True)),
                        ('resolved_at', models.DateTimeField(blank=True, null=True)),
                        ('resolution', models.CharField(blank=True, choices=[('kept_local', 'Kept the local value'), ('took_feed', "Took the feed's value")], max_length=16)),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='import_conflicts', to='meetings.meeting')),
                        ('source', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='conflicts', to='feeds.feedsource')),
                    ],
                    options={
                        'db_table': 'meetings_importconflict',
                        'ordering': ['-detected_at', '-pk'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('resolved_at__isnull', True)), fields=('meeting', 'field'), name='one_open_conflict_per_meeting_field')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
