"""Loads countries (ISO 3166 with ES/EN names, member states, regions, sub-regions),
organizations and controlled vocabularies from enlace/core/data/*.csv."""

from django.db import migrations


def load(apps, schema_editor):
    from enlace.core.reference_data import load_reference_data

    load_reference_data(apps)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
