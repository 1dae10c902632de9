"""Submissions keep the language their sender used, so that the emails about them are written
in it; the ones sent before were all in English."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('curation', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='submission',
            name='language',
            field=models.CharField(default='en', help_text='The language the submitter used (such as en or es); their emails are written in it.', max_length=8),
        ),
    ]
