"""Backups of the whole site: the database and the uploaded media, in one dated tarball.

SQLite is copied with SQLite's own online backup (a consistent copy even while
the site runs); PostgreSQL is dumped with pg_dump's custom format and brought back
with pg_restore. Media files are stored as they are.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"
MEDIA_FOLDER = "media"
MANIFEST = "manifest.json"
OWNER_ONLY_FOLDER = 0o700
OWNER_ONLY_FILE = 0o600


class BackupError(Exception):
    pass


def database_vendor():
    if connection.vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups know SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def postgres_environment():
    database = settings.DATABASES["default"]
    environment = {**os.environ, "PGDATABASE": database["NAME"]}
    for setting, variable in [
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ]:
        if database.get(setting):
            environment[variable] = str(database[setting])
    return environment


def run(command):
    # The commands are our own pg_dump and pg_restore calls, never user input.
    result = subprocess.run(command, env=postgres_environment(), capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def dump_database(folder):
    if database_vendor() == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / SQLITE_FILE)
        with target:
            connection.connection.backup(target)
        target.close()
        return SQLITE_FILE
    run(["pg_dump", "--format=custom", "--no-owner", f"--file={folder / POSTGRES_FILE}"])
    return POSTGRES_FILE


def load_database(folder, manifest):
    vendor = database_vendor()
    if manifest["database"] != vendor:
        raise BackupError(f"This backup holds a {manifest['database']} database, not {vendor}.")
    connection.ensure_connection()
    if vendor == "sqlite":
        source = sqlite3.connect(folder / SQLITE_FILE)
        with source:
            source.backup(connection.connection)
        source.close()
        return
    connection.close()  # pg_restore drops the tables: hold no lock on them
    run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={postgres_environment()['PGDATABASE']}",
            str(folder / POSTGRES_FILE),
        ]
    )


def create_backup(directory):
    """Write lfnkr-<date>-<time>.tar.gz into `directory` and return its path."""
    directory = Path(directory)
    # Backups hold sessions, password hashes, donors' names and messages: only the
    # account that runs the site may read them, whatever its umask.
    directory.mkdir(mode=OWNER_ONLY_FOLDER, parents=True, exist_ok=True)
    directory.chmod(OWNER_ONLY_FOLDER)
    created = timezone.localtime()  # the office's date and time, in the name
    backup_path = directory / f"lfnkr-{created:%Y%m%d-%H%M%S}.tar.gz"
    backup_path.touch(mode=OWNER_ONLY_FILE)
    backup_path.chmod(OWNER_ONLY_FILE)
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        database_file = dump_database(scratch)
        manifest = {
            "created": created.isoformat(),
            "database": database_vendor(),
            "database_file": database_file,
        }
        with tarfile.open(backup_path, "w:gz") as tar:
            add_text(tar, MANIFEST, json.dumps(manifest, indent=2))
            tar.add(scratch / database_file, arcname=database_file)
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                tar.add(media, arcname=MEDIA_FOLDER)
    return backup_path


def add_text(tar, name, text):
    data = text.encode()
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def restore_backup(backup_path):
    """Bring back the database and the media of a backup made by create_backup."""
    backup_path = Path(backup_path)
    if not backup_path.is_file():
        raise BackupError(f"There is no backup at {backup_path}.")
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(backup_path) as tar:
        scratch = Path(scratch)
        # The "data" filter refuses absolute paths, links out of the folder and devices.
        tar.extractall(scratch, filter="data")
        try:
            manifest = json.loads((scratch / MANIFEST).read_text())
        except (OSError, ValueError) as error:
            raise BackupError(f"{backup_path.name} is not a backup of this site.") from error
        load_database(scratch, manifest)
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            shutil.rmtree(media)
        if (scratch / MEDIA_FOLDER).is_dir():
            shutil.copytree(scratch / MEDIA_FOLDER, media)
    return manifest
