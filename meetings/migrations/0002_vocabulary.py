"""The managed vocabularies a meeting draws on: identity focuses and languages."""
from django.db import migrations

FOCUSES = [
    ("mothers", "Mothers", "Mothers, including mothers of young children."),
    ("fathers", "Fathers", ""),
    ("parents", "Parents", "Any parent or caregiver."),
    ("pregnant-postpartum", "Pregnant and postpartum", ""),
    ("parents-apart", "Parents living apart from their children",
     "Parents whose children live elsewhere, with family, in foster care or after custody changes."),
    ("grandparents-raising-grandchildren", "Grandparents raising grandchildren", ""),
    ("women", "Women", ""),
    ("men", "Men", ""),
    ("lgbtq", "LGBTQ+", ""),
    ("bipoc", "BIPOC", "Black, Indigenous and people of color."),
    ("young-people", "Young people", ""),
    ("spanish-speaking", "Spanish-speaking", ""),
]

LANGUAGES = [
    ("en", "English"), ("es", "Spanish"), ("fr", "French"), ("pt", "Portuguese"),
    ("zh", "Chinese"), ("vi", "Vietnamese"), ("ko", "Korean"), ("pl", "Polish"),
    ("ru", "Russian"), ("ar", "Arabic"), ("tl", "Tagalog"), ("ase", "American Sign Language"),
]


def add_vocabulary(apps, schema_editor):
    Focus = apps.get_model("meetings", "Focus")
    Language = apps.get_model("meetings", "Language")
    for slug, name, description in FOCUSES:
        Focus.objects.update_or_create(slug=slug, defaults={"name": name, "description": description})
    for code, name in LANGUAGES:
        Language.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]
    operations = [migrations.RunPython(add_vocabulary, migrations.RunPython.noop)]
