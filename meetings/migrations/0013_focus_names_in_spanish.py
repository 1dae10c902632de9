"""The Spanish names and descriptions of the focuses 0002_vocabulary seeds (the demo adds none).
A focus whose Spanish name someone has already written keeps it."""
from django.db import migrations

# slug: (name in Spanish, description in Spanish); an English focus without a description has
# none in Spanish either.
FOCUSES_IN_SPANISH = {
    "mothers": ("Madres", "Madres, incluidas las madres de niños pequeños."),
    "fathers": ("Padres", ""),
    "parents": ("Madres y padres", "Cualquier madre, padre o persona que cuida de niños."),
    "pregnant-postpartum": ("Embarazo y posparto", ""),
    "parents-apart": ("Madres y padres que viven lejos de sus hijos",
                      "Madres y padres cuyos hijos viven en otro lugar: con familiares, en un "
                      "hogar de crianza temporal o tras un cambio de custodia."),
    "grandparents-raising-grandchildren": ("Abuelos que crían a sus nietos", ""),
    "women": ("Mujeres", ""),
    "men": ("Hombres", ""),
    "lgbtq": ("LGBTQ+", ""),
    "bipoc": ("Personas negras, indígenas y de color",
              "Personas negras, indígenas y de color (BIPOC)."),
    "young-people": ("Jóvenes", ""),
    "spanish-speaking": ("De habla hispana", ""),
}


def name_focuses_in_spanish(apps, schema_editor):
    Focus = apps.get_model("meetings", "Focus")
    for focus in Focus.objects.filter(slug__in=FOCUSES_IN_SPANISH):
        name, description = FOCUSES_IN_SPANISH[focus.slug]
        changed = []
        if not focus.name_es:
            focus.name_es = name
            changed.append("name_es")
        if not focus.description_es and description:
            focus.description_es = description
            changed.append("description_es")
        if changed:
            focus.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0012_focus_in_spanish_and_field_names")]
    operations = [migrations.RunPython(name_focuses_in_spanish, migrations.RunPython.noop)]
