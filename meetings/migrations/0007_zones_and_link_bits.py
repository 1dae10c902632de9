"""Zones by number and links as bits, for the parent's search (filled in 0008)."""
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0006_feed_source_code_set'),
    ]

    operations = [
        migrations.CreateModel(
            name='Zone',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=64, unique=True)),
            ],
        ),
        migrations.AddField(
            model_name='meeting',
            name='zone',
            field=models.ForeignKey(db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='meetings.zone'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='focus_bits',
            field=models.BigIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='meeting',
            name='language_bits',
            field=models.BigIntegerField(default=0, editable=False),
        ),
    ]
