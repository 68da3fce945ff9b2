from django.db import migrations


def seed(apps, schema_editor):
    # The seed logic is shared with `./manage.py workcal_seed`; rerun that command after upgrading the
    # holidays package or editing data/government_days.yaml.
    from danvan.workcal.seed import seed_calendar

    seed_calendar(apps.get_model("workcal", "CalendarDay"))


class Migration(migrations.Migration):
    dependencies = [("workcal", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
