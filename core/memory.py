"""What every page reads and seldom changes, kept in each process for one content version.

The site's frame (a language's home page and its news years, the address, the ways
to give, the highlights, the follow links), the sites, the locales and the private
sections of the tree cost a dozen queries per page and change only when something is
published. A process remembers them while the content version (core.models.ContentVersion,
read once per request) stays the same, so a publish in any worker reaches every other
worker on its next request. Outside a request (commands, tests calling code directly)
the version is read at every use: nothing stale can be returned there either.
"""

import threading

from django.core.signals import request_finished, request_started
from django.db import connection

STORED_VERSION_SQL = "SELECT value FROM {table} WHERE id = 1"
_this_request = threading.local()
_memory = {"version": None, "values": {}}


def stored_version():
    """The content version in the database, or None before the first publish.

    Read on every request: SQL of its own, as the ORM's compiling of it cost more than
    the database's answer."""
    from core.models import ContentVersion

    with connection.cursor() as cursor:
        cursor.execute(STORED_VERSION_SQL.format(table=ContentVersion._meta.db_table))
        row = cursor.fetchone()
    return row[0] if row else None


def current_values():
    """This process's memory, emptied first when the content version has moved on."""
    global _memory
    if getattr(_this_request, "version", None) is None:
        version = stored_version()
        if version is None:
            return {}  # no version to vouch for what is remembered: remember nothing
        if getattr(_this_request, "active", False):
            _this_request.version = version
        if version != _memory["version"]:
            _memory = {"version": version, "values": {}}
    return _memory["values"]


def remembered(key, build):
    """build()'s value, built once per process and content version."""
    values = current_values()
    if key not in values:
        values[key] = build()
    return values[key]


def forget():
    """Forget everything: this process changed what visitors see, or a test ends."""
    global _memory
    _memory = {"version": None, "values": {}}
    _this_request.version = None


def _request_starts(**kwargs):
    _this_request.active = True
    _this_request.version = None


def _request_ends(**kwargs):
    _this_request.active = False
    _this_request.version = None


request_started.connect(_request_starts, dispatch_uid="memory-request-started")
request_finished.connect(_request_ends, dispatch_uid="memory-request-finished")
