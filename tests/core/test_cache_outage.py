"""With Redis unreachable the site serves uncached pages, says so once, and recovers by itself."""

import shutil
import socket
import subprocess
import time

import pytest
import redis

from core.redis_cache import FailSafeRedisCache
from tests.factories import NewsIndexPageFactory, NewsPageFactory, member_of, sign_in_verified

pytestmark = pytest.mark.django_db


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_port(settings, home):
    """Caches in a Redis server at a port where nothing listens (yet)."""
    port = free_port()
    settings.CACHES = {
        alias: {
            "BACKEND": "core.redis_cache.FailSafeRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": alias,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        for alias in ("default", "renditions")
    }
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAGMENT_CACHE_SECONDS = 3600
    NewsPageFactory(parent=NewsIndexPageFactory(parent=home, year=2014), title="Rescue in Laos")
    # Adding a live page moved the content version, and logged the outage already.
    FailSafeRedisCache.last_logged = None
    return port


def test_visitors_and_editors_are_served_while_redis_is_down(client, redis_port, caplog):
    for url in ["/en/", "/en/2014/", "/ja/", "/en/search/?q=rescue", "/admin/login/"]:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert response.get("X-Cache") != "hit"
    assert "Rescue in Laos" in client.get("/en/2014/").content.decode()
    sign_in_verified(client, member_of("Editors"))
    assert client.get("/admin/").status_code == 200
    outage_lines = [r for r in caplog.records if r.name == "core.redis_cache"]
    assert len(outage_lines) == 1
    assert "unreachable" in outage_lines[0].getMessage()


@pytest.fixture
def start_redis(redis_port):
    """Starts a Redis server at that port when called, as an operator brings it back."""
    executable = shutil.which("redis-server")
    assert executable, "Debian's redis-server runs on these machines"
    servers = []

    def start():
        command = [executable, "--port", str(redis_port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no"]
        servers.append(subprocess.Popen(command, stdout=subprocess.DEVNULL))
        wait_for_redis(redis_port)

    yield start
    for server in servers:
        server.terminate()
        server.wait(timeout=10)


def wait_for_redis(port):
    client = redis.Redis(port=port, socket_connect_timeout=0.5)
    for _ in range(100):
        try:
            client.ping()
            return
        except redis.RedisError:
            time.sleep(0.1)
    pytest.fail(f"redis-server did not start on port {port}")


def test_the_cache_comes_back_by_itself(client, redis_port, start_redis):
    assert client.get("/en/2014/").get("X-Cache") != "hit"  # no Redis yet: served uncached
    assert client.get("/en/2014/").get("X-Cache") != "hit"
    start_redis()
    assert client.get("/en/2014/")["X-Cache"] == "miss"
    assert client.get("/en/2014/")["X-Cache"] == "hit"
