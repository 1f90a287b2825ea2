"""With Redis unreachable the site serves uncached pages, says so once, and recovers by itself."""

import pytest

from core.redis_cache import FailSafeRedisCache
from tests.factories import NewsIndexPageFactory, NewsPageFactory, member_of, sign_in_verified
from tests.redis_server import RedisServer, free_port

pytestmark = pytest.mark.django_db


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
def redis_server(redis_port):
    """A Redis server at that port, which the test starts, as an operator brings it back."""
    server = RedisServer(redis_port)
    yield server
    server.stop()


def test_the_cache_comes_back_by_itself(client, redis_server):
    assert client.get("/en/2014/").get("X-Cache") != "hit"  # no Redis yet: served uncached
    assert client.get("/en/2014/").get("X-Cache") != "hit"
    redis_server.start()
    assert client.get("/en/2014/")["X-Cache"] == "miss"
    assert client.get("/en/2014/")["X-Cache"] == "hit"


def test_a_restart_of_redis_is_no_outage(client, redis_server, caplog):
    """A restart closes every connection the workers held: the next read on one
    connects anew, with no outage logged and no visitor served uncached for it."""
    redis_server.start()
    client.get("/en/2014/")
    assert client.get("/en/2014/")["X-Cache"] == "hit"
    redis_server.restart()
    assert client.get("/en/2014/")["X-Cache"] == "miss"  # a restarted Redis is empty
    assert client.get("/en/2014/")["X-Cache"] == "hit"
    assert [r for r in caplog.records if r.name == "core.redis_cache"] == []
