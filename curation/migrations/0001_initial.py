"""Submissions, coach notes and collections move from meetings to curation, keeping their
tables (the collections' link table too, named after meetings_collection)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('meetings', '0009_search_covering_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables exist already; only Django's idea of which app owns them moves.
            state_operations=[
                migrations.CreateModel(
                    name='CoachNote',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.TextField(max_length=500)),
                        ('created', models.DateTimeField(auto_now_add=True)),
                        ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='coach_notes', to=settings.AUTH_USER_MODEL)),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='coach_notes', to='meetings.meeting')),
                    ],
                    options={
                        'db_table': 'meetings_coachnote',
                        'ordering': ['-created', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Collection',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120)),
                        ('description', models.TextField(blank=True, max_length=1000)),
                        ('visibility', models.CharField(choices=[('private', 'Private: only you'), ('link', 'Anyone with the link')], default='private', max_length=16)),
                        ('token', models.CharField(editable=False, max_length=32, unique=True)),
                        ('created', models.DateTimeField(auto_now_add=True)),
                        ('updated', models.DateTimeField(auto_now=True)),
                        ('meetings', models.ManyToManyField(blank=True, related_name='collections', to='meetings.meeting')),
                        ('owner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='collections', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'meetings_collection',
                        'ordering': ['name', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Submission',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('new', 'New meeting'), ('change', 'Change to a meeting'), ('closure', 'Meeting closed')], max_length=16)),
                        ('status', models.CharField(choices=[('pending', 'Waiting for review'), ('approved', 'Approved'), ('rejected', 'Rejected')], default='pending', max_length=16)),
                        ('proposed', models.JSONField(blank=True, default=dict)),
                        ('baseline', models.JSONField(blank=True, default=dict)),
                        ('message', models.TextField(blank=True, max_length=1000)),
                        ('first_name', models.CharField(blank=True, max_length=40)),
                        ('email', models.EmailField(blank=True, max_length=254)),
                        ('created', models.DateTimeField(auto_now_add=True)),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('decision_reason', models.TextField(blank=True, max_length=1000)),
                        ('receipt_sent_at', models.DateTimeField(blank=True, null=True)),
                        ('outcome_sent_at', models.DateTimeField(blank=True, null=True)),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='decisions', to=settings.AUTH_USER_MODEL)),
                        ('meeting', models.ForeignKey(blank=True, help_text='The meeting to change or close; for a new meeting, the meeting approval created.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='submissions', to='meetings.meeting')),
                        ('submitter', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='submissions', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'meetings_submission',
                        'ordering': ['created', 'pk'],
                        'permissions': [('moderate_submission', 'Can approve or reject submissions')],
                        'indexes': [models.Index(fields=['status', 'created'], name='submission_status_created')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
