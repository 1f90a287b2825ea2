from django.db import migrations, models


# The entries' copies of their pages' facts (search.models.SearchEntry). The UPDATE
# leaves a dead copy of every entry: on a large PostgreSQL site, `VACUUM FULL
# search_searchentry` afterwards gives a common word's count a table half the size.
def copy_page_facts(apps, schema_editor):
    from search.entries import refresh_page_facts

    refresh_page_facts(using=schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("news", "0008_story_listing_order_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="content_type_id",
            field=models.IntegerField(null=True),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="filed_year",
            field=models.PositiveSmallIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="path",
            field=models.CharField(db_default="", max_length=255),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="translation_key",
            field=models.UUIDField(null=True),
        ),
        migrations.RunPython(copy_page_facts, migrations.RunPython.noop),
    ]
