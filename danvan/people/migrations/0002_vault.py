"""Identity moves into the vault: encrypt what is stored in plain text, index it blindly, drop name_folded."""

import django.core.validators
from django.db import migrations, models

import danvan.people.vault

ENCRYPTED = ("full_name", "representative_name", "id_number", "phone", "email", "address")


def encrypt_existing(apps, schema_editor):
    # Raw SQL: the historical model would try to decrypt the plain text still stored in these columns.
    from danvan.people.vault import blind_index, vault_encrypt

    connection = schema_editor.connection
    table = connection.ops.quote_name("people_person")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {', '.join(ENCRYPTED)} FROM {table}")
        rows = cursor.fetchall()
    for row in rows:
        pk, values = row[0], dict(zip(ENCRYPTED, row[1:], strict=True))
        sets = {name: vault_encrypt(value or "") for name, value in values.items()}
        sets["id_number_index"] = blind_index("id_number", values["id_number"] or "")
        sets["name_index"] = blind_index("name", values["full_name"] or "")
        sets["phone_index"] = blind_index("phone", values["phone"] or "")
        assignments = ", ".join(f"{name} = %s" for name in sets)
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET {assignments} WHERE id = %s", [*sets.values(), pk])


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.RemoveField(model_name="person", name="name_folded"),
        migrations.AddField(
            model_name="person", name="id_number_index",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=64, default=""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="person", name="name_index",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=64, default=""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="person", name="phone_index",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=64, default=""),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="person", name="full_name",
            field=danvan.people.vault.EncryptedTextField(max_length=255, verbose_name="họ và tên / tên tổ chức"),
        ),
        migrations.AlterField(
            model_name="person", name="representative_name",
            field=danvan.people.vault.EncryptedTextField(blank=True, max_length=255, verbose_name="người đại diện"),
        ),
        migrations.AlterField(
            model_name="person", name="id_number",
            field=danvan.people.vault.EncryptedTextField(blank=True, max_length=12, validators=[
                django.core.validators.RegexValidator("^\\d{12}$", "Số định danh cá nhân gồm đúng 12 chữ số.")],
                verbose_name="số định danh cá nhân"),
        ),
        migrations.AlterField(
            model_name="person", name="phone",
            field=danvan.people.vault.EncryptedTextField(blank=True, max_length=10, validators=[
                django.core.validators.RegexValidator("^0\\d{9}$", "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0.")],
                verbose_name="điện thoại"),
        ),
        migrations.AlterField(
            model_name="person", name="email",
            field=danvan.people.vault.EncryptedTextField(blank=True, max_length=254, validators=[
                django.core.validators.EmailValidator()], verbose_name="thư điện tử"),
        ),
        migrations.AlterField(
            model_name="person", name="address",
            field=danvan.people.vault.EncryptedTextField(blank=True, max_length=500, verbose_name="địa chỉ"),
        ),
        migrations.RunPython(encrypt_existing, migrations.RunPython.noop),
    ]
