"""The reception book's identities move into the vault (as people's did in people/0002): names, ID numbers
and addresses of visitors, representatives and people refused are encrypted at rest, and visits and
refusals are found again by the ID number's blind index."""

from django.db import migrations, models

import danvan.people.vault

ENCRYPTED = {
    "reception_visit": ("full_name", "id_number", "address"),
    "reception_representative": ("full_name", "id_number"),
    "reception_refusal": ("full_name", "id_number"),
}
INDEXED = ("reception_visit", "reception_refusal")


def encrypt_existing(apps, schema_editor):
    # Raw SQL: the historical models would try to decrypt the plain text still stored in these columns.
    from danvan.people.vault import blind_index, vault_encrypt

    connection = schema_editor.connection
    for table, columns in ENCRYPTED.items():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id, {', '.join(columns)} FROM {table}")  # noqa: S608 (names from this file)
            rows = cursor.fetchall()
        for pk, *values in rows:
            plain = dict(zip(columns, values, strict=True))
            sets = {name: vault_encrypt(value or "") for name, value in plain.items()}
            if table in INDEXED:
                sets["id_number_index"] = blind_index("id_number", plain["id_number"] or "")
            assignments = ", ".join(f"{name} = %s" for name in sets)
            with connection.cursor() as cursor:
                cursor.execute(f"UPDATE {table} SET {assignments} WHERE id = %s", [*sets.values(), pk])  # noqa: S608


class Migration(migrations.Migration):

    dependencies = [
        ('reception', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='refusal',
            name='id_number_index',
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='visit',
            name='id_number_index',
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name='refusal',
            name='full_name',
            field=danvan.people.vault.EncryptedTextField(blank=True, verbose_name='họ và tên'),
        ),
        migrations.AlterField(
            model_name='refusal',
            name='id_number',
            field=danvan.people.vault.EncryptedTextField(blank=True, verbose_name='số định danh cá nhân'),
        ),
        migrations.AlterField(
            model_name='representative',
            name='full_name',
            field=danvan.people.vault.EncryptedTextField(verbose_name='họ và tên'),
        ),
        migrations.AlterField(
            model_name='representative',
            name='id_number',
            field=danvan.people.vault.EncryptedTextField(blank=True, verbose_name='số định danh cá nhân'),
        ),
        migrations.AlterField(
            model_name='visit',
            name='address',
            field=danvan.people.vault.EncryptedTextField(blank=True, verbose_name='địa chỉ'),
        ),
        migrations.AlterField(
            model_name='visit',
            name='full_name',
            field=danvan.people.vault.EncryptedTextField(verbose_name='họ và tên'),
        ),
        migrations.AlterField(
            model_name='visit',
            name='id_number',
            field=danvan.people.vault.EncryptedTextField(blank=True, verbose_name='số định danh cá nhân'),
        ),
        migrations.RunPython(encrypt_existing, migrations.RunPython.noop),
    ]
