"""`make serve`: the production settings under gunicorn, static files for the long term."""

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.factories import two_colour_image_file

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    # Only ever the loopback address of the server the test started.
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status, response.headers, response.read()


# `make serve` installs, collects static files and migrates a new database before
# gunicorn listens: on a busy two-core machine running the suite in parallel that
# can take minutes.
START_UP_SECONDS = 600


def wait_for_server(url, server, log_file):
    """Return once `url` answers; fail with the server's own output if it never does."""
    deadline = time.monotonic() + START_UP_SECONDS
    while time.monotonic() < deadline:
        try:
            fetch(url)
            return
        except OSError:
            if server.poll() is not None:
                pytest.fail(f"make serve exited ({server.returncode}):\n{log_file.read_text()}")
            time.sleep(0.5)
    pytest.fail(
        f"make serve did not answer {url} within {START_UP_SECONDS} s:\n{log_file.read_text()}"
    )


@pytest.fixture
def served_site(tmp_path):
    port = free_port()
    environment = {
        **os.environ,
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "SECRET_KEY": "a-secret-key-for-the-serve-test-only-" + "x" * 20,
        "ALLOWED_HOSTS": "127.0.0.1",
        "WAGTAILADMIN_BASE_URL": "https://127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    # A file, not a pipe: a pipe nobody reads fills up and stalls the server.
    log_file = tmp_path / "make-serve.log"
    with log_file.open("wb") as log:
        server = subprocess.Popen(
            ["make", "--no-print-directory", "serve"],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(base + "/robots.txt", server, log_file)
        yield base, server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_make_serve_runs_gunicorn_with_long_lived_hashed_static_files(served_site):
    base, server = served_site
    status, headers, html = fetch(base + "/en/")
    assert status == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html)[1].decode()
    status, headers, _ = fetch(base + stylesheet)
    assert status == 200
    assert "immutable" in headers["Cache-Control"]
    assert "max-age=315360000" in headers["Cache-Control"]
    workers = subprocess.run(
        ["pgrep", "-f", "-c", "gunicorn lfnkr_site.wsgi"], capture_output=True, text=True
    )
    assert int(workers.stdout) >= 3  # the arbiter and WEB_CONCURRENCY=2 workers


def fetch_status(url):
    try:
        return fetch(url)[0]
    except urllib.error.HTTPError as refused:
        return refused.code


def test_make_serve_shows_uploaded_photos_and_nothing_else_of_the_media_folder(
    served_site, tmp_path
):
    base, _server = served_site
    media = tmp_path / "media"
    for folder, name in [
        ("images", "shelter.fill-400x300.png"),
        ("original_images", "shelter.png"),
    ]:
        (media / folder).mkdir(parents=True, exist_ok=True)
        (media / folder / name).write_bytes(two_colour_png())
    (media / "documents").mkdir()
    (media / "documents" / "donors.csv").write_text("name,amount\n")

    status, headers, body = fetch(base + "/media/images/shelter.fill-400x300.png")
    assert (status, headers["Content-Type"], body[:4]) == (200, "image/png", b"\x89PNG")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in headers["Content-Security-Policy"]
    # Documents go through their own view; originals are the admin's.
    for hidden in [
        "documents/donors.csv",
        "images/../documents/donors.csv",
        "original_images/shelter.png",
    ]:
        assert fetch_status(f"{base}/media/{hidden}") == 404, hidden


def two_colour_png():
    return two_colour_image_file(width=40, height=30).file.getvalue()
