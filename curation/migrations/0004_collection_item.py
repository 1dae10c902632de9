"""A collection's meetings get an order and a note each: the link table Django made for the
many-to-many field becomes the CollectionItem model, keeping its rows, with two columns added."""
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [
        ("curation", "0003_listing_check"),
        ("meetings", "0013_focus_names_in_spanish"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The table and its columns (id, collection_id, meeting_id, their unique pair) exist.
            state_operations=[
                migrations.CreateModel(
                    name="CollectionItem",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                verbose_name="ID")),
                        ("collection", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                         related_name="items", to="curation.collection")),
                        ("meeting", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                      related_name="collection_items",
                                                      to="meetings.meeting")),
                    ],
                    options={"db_table": "meetings_collection_meetings", "ordering": ["position", "pk"],
                             "unique_together": {("collection", "meeting")}},
                ),
                migrations.AlterField(
                    model_name="collection", name="meetings",
                    field=models.ManyToManyField(blank=True, related_name="collections",
                                                 through="curation.CollectionItem",
                                                 to="meetings.meeting"),
                ),
            ],
        ),
        migrations.AddField(model_name="collectionitem", name="position",
                            field=models.PositiveIntegerField(default=0)),
        migrations.AddField(model_name="collectionitem", name="note",
                            field=models.CharField(blank=True, max_length=300)),
    ]
