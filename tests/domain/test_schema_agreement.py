"""The peewee models (storage/models.py, storage/meeting_models.py, storage/target_models.py …) map the tables that the
migration steps create, column by column, on both engines: the same names, the same
nullability, the same primary key and the same kind of type. A model that drifts from the
DDL fails here, not in a user's archive at the first query that reads the column."""

from __future__ import annotations

import peewee as pw
import pytest

from branchdesk.storage import (
    dues_models,
    honours_models,
    life_models,
    masses_models,
    meeting_models,
    models,
    recruit_models,
    study_models,
    target_models,
    transfer_models,
)

MODELS = sorted(
    (m for module in (models, meeting_models, life_models, target_models, dues_models, honours_models,
                      recruit_models, masses_models, transfer_models, study_models)
     for m in vars(module).values()
     if isinstance(m, type) and issubclass(m, models.BaseModel) and m is not models.BaseModel),
    key=lambda m: m._meta.table_name,
)

# A declared type (SQLite) or information_schema type (PostgreSQL) -> its family.
_DB_FAMILIES = (
    ("BOOL", "boolean"),
    ("INT", "integer"),
    ("SERIAL", "integer"),
    ("TIMESTAMP", "datetime"),
    ("DATETIME", "datetime"),
    ("DATE", "date"),
    ("CHAR", "text"),
    ("TEXT", "text"),
    ("CLOB", "text"),
    ("REAL", "real"),
    ("FLOA", "real"),
    ("DOUB", "real"),
    ("NUMERIC", "real"),
    ("DECIMAL", "real"),
    ("BLOB", "bytes"),
    ("BYTEA", "bytes"),
)
_FIELD_FAMILIES = {
    "AUTO": "integer", "BIGAUTO": "integer", "INT": "integer", "BIGINT": "integer", "SMALLINT": "integer",
    "BOOL": "boolean", "DATE": "date", "DATETIME": "datetime", "TEXT": "text", "VARCHAR": "text",
    "CHAR": "text", "FLOAT": "real", "DOUBLE": "real", "DECIMAL": "real", "BLOB": "bytes",
}


def db_family(data_type: str) -> str:
    upper = data_type.upper()
    return next((family for marker, family in _DB_FAMILIES if marker in upper), f"? {data_type}")


def field_family(field: pw.Field) -> str:
    if isinstance(field, pw.ForeignKeyField):
        field = field.rel_field
    return _FIELD_FAMILIES.get(field.field_type, f"? {field.field_type}")


def disagreements(db, model) -> list[str]:
    """What the migrated database ``db`` says differently from ``model``."""
    table = model._meta.table_name
    if not db.table_exists(table):
        return [f"{table}: no such table"]
    columns = {c.name: c for c in db.get_columns(table)}
    fields = {f.column_name: f for f in model._meta.sorted_fields}
    found = [f"{table}.{name}: in the model, not in the table" for name in sorted(fields.keys() - columns.keys())]
    found += [f"{table}.{name}: in the table, not in the model" for name in sorted(columns.keys() - fields.keys())]
    primary = {c.name for c in columns.values() if c.primary_key}
    mapped = {f.column_name for f in fields.values() if f.primary_key}
    if primary != mapped:
        found.append(f"{table}: primary key {sorted(primary)} in the table, {sorted(mapped)} in the model")
    for name in sorted(fields.keys() & columns.keys()):
        field, column = fields[name], columns[name]
        if not field.primary_key and field.null != column.null:
            found.append(f"{table}.{name}: null={column.null} in the table, null={field.null} in the model")
        if field_family(field) != db_family(column.data_type):
            found.append(f"{table}.{name}: {column.data_type} in the table, {type(field).__name__} in the model")
    return found


def test_every_model_maps_its_migrated_table(empty_archive):
    db = empty_archive.db
    assert len(MODELS) >= 30  # both modules were read
    problems = [p for model in MODELS for p in disagreements(db, model)]
    assert problems == []


def test_a_drifted_model_is_caught(empty_archive):
    """The comparison itself: a model that differs in each way is reported for each."""

    class Drifted(pw.Model):
        branch = pw.ForeignKeyField(models.Branch)
        name = pw.TextField(null=True)  # NOT NULL in the table
        gender = pw.IntegerField()  # TEXT in the table
        nickname = pw.TextField()  # no such column

        class Meta:
            database = models.BaseModel._meta.database
            table_name = "member"

    found = disagreements(empty_archive.db, Drifted)
    assert any("member.name: null=False in the table" in p for p in found)
    assert any(p.startswith("member.gender:") and "IntegerField" in p for p in found)
    assert "member.nickname: in the model, not in the table" in found
    assert "member.birth_date: in the table, not in the model" in found


@pytest.mark.parametrize(("data_type", "family"), [
    ("TEXT", "text"), ("text", "text"), ("character varying", "text"), ("INTEGER", "integer"),
    ("bigint", "integer"), ("BOOLEAN", "boolean"), ("DATE", "date"), ("TIMESTAMP", "datetime"),
    ("timestamp without time zone", "datetime"), ("double precision", "real"), ("bytea", "bytes"),
])
def test_type_families_of_both_engines(data_type, family):
    assert db_family(data_type) == family
