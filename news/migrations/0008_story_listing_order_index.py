"""An index in the stories' listing order (newest_first) for PostgreSQL.

Listings, the home page's latest stories and a story's neighbours read stories by news
year, date (the undated last) and id, newest first, and need only the first few: with
this index PostgreSQL reads those few in order instead of sorting a whole year (or the
whole archive). SQLite needs none: it sorts NULL lowest, so the year and date index
read backwards is already in that order.
"""

from django.db import migrations

INDEX = "news_story_listing_order"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON news_newspage "
            "(filed_year DESC, date DESC NULLS LAST, page_ptr_id DESC)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("news", "0007_story_filed_year")]

    operations = [migrations.RunPython(create_index, drop_index)]
