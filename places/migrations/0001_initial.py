"""The geocoding cache moves from meetings to places, keeping its table."""

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
                    name='GeocodedAddress',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('query', models.CharField(help_text='The address as looked up, normalized.', max_length=300, unique=True)),
                        ('status', models.CharField(choices=[('found', 'Found'), ('not_found', 'No such place'), ('failed', 'Geocoder failed')], max_length=16)),
                        ('latitude', models.FloatField(blank=True, null=True)),
                        ('longitude', models.FloatField(blank=True, null=True)),
                        ('timezone', models.CharField(blank=True, max_length=64)),
                        ('approximate', models.BooleanField(default=False, help_text='Only the centre of the ZIP code or city, not the building.')),
                        ('label', models.CharField(blank=True, help_text="The geocoder's name for it.", max_length=300)),
                        ('geocoder', models.CharField(blank=True, max_length=40)),
                        ('attempts', models.PositiveSmallIntegerField(default=0)),
                        ('error', models.TextField(blank=True)),
                        ('looked_up_at', models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        'verbose_name_plural': 'geocoded addresses',
                        'db_table': 'meetings_geocodedaddress',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
