import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

# The match index: PostgreSQL indexes the vectors' concatenation (search.postgres
# matches with it); SQLite keeps the words in an FTS5 table.
POSTGRES_INDEX = "CREATE INDEX search_entry_vector ON search_searchentry USING GIN (vector)"
# The titles alone: a common word is ranked among the titles that hold it first.
POSTGRES_TITLE_INDEX = (
    "CREATE INDEX search_entry_title_vector ON search_searchentry USING GIN (title_vector)"
)
# The title twice (title_again), as Wagtail's FTS5 table holds it (in its title and
# autocomplete columns): its BM25 ranking counts a title's words double.
SQLITE_TABLE = (
    "CREATE VIRTUAL TABLE search_entry_text USING fts5(title, body, title_again)"
)


def create_match_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_INDEX)
        schema_editor.execute(POSTGRES_TITLE_INDEX)
    elif vendor == "sqlite":
        from search.backend import fts5_available

        if fts5_available(schema_editor.connection):
            schema_editor.execute(SQLITE_TABLE)


def drop_match_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_vector")
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_title_vector")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_entry_text")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="wagtailcore.page",
                    ),
                ),
                ("title_norm", models.FloatField(default=1.0)),
                ("title_vector", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("body_vector", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("vector", django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={"verbose_name_plural": "search entries"},
        ),
        migrations.RunPython(create_match_index, drop_match_index),
    ]
