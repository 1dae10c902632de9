"""Meetings hands the models that moved to places, feeds and curation over to those apps: in
Django's state only (their tables stay), and their content types follow them, so that
permissions given to role groups, admin log entries and anything else keyed by content type
keep working."""

import django.db.models.deletion
from django.db import migrations, models


MOVED = {"geocodedaddress": "places", "feedsource": "feeds", "importconflict": "feeds",
         "submission": "curation", "coachnote": "curation", "collection": "curation"}


def move_content_types(apps, schema_editor, moves=None):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model, (old_app, new_app) in (moves or {m: ("meetings", app) for m, app in MOVED.items()}).items():
        moved = ContentType.objects.using(db).filter(app_label=old_app, model=model)
        if moved.exists():
            # A content type the new app already has (made by a `migrate` of that app alone)
            # gives way to the old one, which the role groups' permissions point at.
            ContentType.objects.using(db).filter(app_label=new_app, model=model).delete()
            moved.update(app_label=new_app)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, {m: (app, "meetings") for m, app in MOVED.items()})


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('curation', '0001_initial'),
        ('places', '0001_initial'),
        ('feeds', '0001_initial'),
        ('meetings', '0009_search_covering_indexes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables exist already; only Django's idea of which app owns them moves.
            state_operations=[
                migrations.RemoveField(
                    model_name='coachnote',
                    name='author',
                ),
                migrations.RemoveField(
                    model_name='coachnote',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='collection',
                    name='meetings',
                ),
                migrations.RemoveField(
                    model_name='collection',
                    name='owner',
                ),
                migrations.RemoveField(
                    model_name='importconflict',
                    name='source',
                ),
                migrations.AlterField(
                    model_name='meeting',
                    name='source',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='meetings', to='feeds.feedsource'),
                ),
                migrations.AlterField(
                    model_name='historicalmeeting',
                    name='source',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='feeds.feedsource'),
                ),
                migrations.DeleteModel(
                    name='GeocodedAddress',
                ),
                migrations.RemoveField(
                    model_name='importconflict',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='submission',
                    name='decided_by',
                ),
                migrations.RemoveField(
                    model_name='submission',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='submission',
                    name='submitter',
                ),
                migrations.DeleteModel(
                    name='CoachNote',
                ),
                migrations.DeleteModel(
                    name='Collection',
                ),
                migrations.DeleteModel(
                    name='FeedSource',
                ),
                migrations.DeleteModel(
                    name='ImportConflict',
                ),
                migrations.DeleteModel(
                    name='Submission',
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
