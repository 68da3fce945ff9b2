from django.db import migrations


def install(apps, schema_editor):
    from danvan.audit.guard import guard_install

    guard_install(schema_editor.connection)


def remove(apps, schema_editor):
    from danvan.audit.guard import guard_remove

    guard_remove(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_initial"),
    ]

    operations = [migrations.RunPython(install, remove)]
