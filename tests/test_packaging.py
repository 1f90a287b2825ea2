"""The `site/` folder installs as `lfnkr_site`, with every subpackage listed."""

import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import lfnkr_site
import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def folder_of(package):
    top, *rest = package.split(".")
    return Path(SETUPTOOLS["package-dir"].get(top, top), *rest)


def packages_on_disk():
    """Every folder with an __init__.py, and every folder of templates that holds files."""
    found = set()
    for top in ["site", "core", "home", "search", "news", "campaigns"]:
        folders = {init.parent for init in (ROOT / top).rglob("__init__.py")}
        folders |= {html.parent for html in (ROOT / top).glob("templates/**/*.html")}
        for folder in folders:
            relative = folder.relative_to(ROOT)
            name = ".".join(relative.parts)
            found.add(
                name.replace("site", "lfnkr_site", 1) if relative.parts[0] == "site" else name
            )
    return found


def test_lfnkr_site_is_the_site_folder():
    assert Path(lfnkr_site.__file__).parent == ROOT / "site"


def test_every_package_folder_is_listed_in_pyproject():
    assert packages_on_disk() == set(SETUPTOOLS["packages"])
    for package in SETUPTOOLS["packages"]:
        folder = ROOT / folder_of(package)
        is_templates = "templates" in folder.parts and any(folder.glob("*.html"))
        assert is_templates or (folder / "__init__.py").exists(), package


def test_a_built_wheel_holds_settings_migrations_commands_and_templates(tmp_path):
    # setuptools builds in ./build; leave no copy of the sources behind for
    # makemessages or a duplicate finder to read.
    leftover_build = not (ROOT / "build").exists()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    if leftover_build:
        shutil.rmtree(ROOT / "build", ignore_errors=True)
    wheel = next(tmp_path.glob("lfnkr_site-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in [
        "lfnkr_site/settings/production.py",
        "lfnkr_site/urls.py",
        "lfnkr_site/wsgi.py",
        "home/migrations/0002_create_homepage.py",
        "home/management/commands/import_archive.py",
        "news/templates/news/news_page.html",
        "campaigns/templatetags/donation_tags.py",
        "core/templates/core/login_locked_out.html",
    ]:
        assert expected in names, expected


def test_gunicorn_loads_the_wsgi_application_from_any_folder(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lfnkr_site.settings.production",
        "SECRET_KEY": "a-secret-key-for-the-check-only",
        "ALLOWED_HOSTS": "lfnkr.example",
        "WAGTAILADMIN_BASE_URL": "https://lfnkr.example",
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    result = subprocess.run(
        [str(gunicorn), "--check-config", "lfnkr_site.wsgi:application"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_a_worker_keeps_the_sites_objects_out_of_full_garbage_collections():
    """Walking them made every few hundredth request of a worker 160 ms slower."""
    result = subprocess.run(
        [sys.executable, "-c", "import gc, lfnkr_site.wsgi; print(gc.get_freeze_count())"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "lfnkr_site.settings.test"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(result.stdout) > 100_000


def test_the_search_backend_is_chosen_by_the_environment():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lfnkr_site.settings.base",
        "SEARCH_BACKEND": "wagtail.search.backends.opensearch2",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; "
            "print(settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND'])",
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "wagtail.search.backends.opensearch2"


def settings_under(environment, expression):
    code = f"import json; from django.conf import settings; print(json.dumps({expression}))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "lfnkr_site.settings.base", **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_opensearch_s3_and_redis_are_switched_on_by_the_environment_alone():
    chosen = settings_under(
        {
            "SEARCH_BACKEND": "wagtail.search.backends.elasticsearch8",
            "SEARCH_URL": "http://opensearch:9200",
            "AWS_STORAGE_BUCKET_NAME": "lfnkr-media",
            "AWS_S3_REGION_NAME": "ap-northeast-1",
            "REDIS_URL": "redis://cache:6379/0",
        },
        "[settings.WAGTAILSEARCH_BACKENDS['default'], settings.STORAGES['default'],"
        " settings.CACHES['default']['BACKEND']]",
    )
    search, media, cache = chosen
    assert search["URLS"] == ["http://opensearch:9200"]
    assert media["BACKEND"] == "storages.backends.s3.S3Storage"
    assert media["OPTIONS"]["bucket_name"] == "lfnkr-media"
    assert media["OPTIONS"]["region_name"] == "ap-northeast-1"
    assert cache == "core.redis_cache.FailSafeRedisCache"


@pytest.mark.parametrize("database_url", ["", None], ids=["empty", "unset"])
def test_an_empty_or_unset_database_url_means_the_embedded_sqlite(database_url):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "lfnkr_site.settings.base"}
    environment.pop("DATABASE_URL", None)
    if database_url is not None:
        environment["DATABASE_URL"] = database_url
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "django.db.backends.sqlite3"
