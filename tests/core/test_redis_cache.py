"""The Redis cache's own client handling (core/redis_cache.py)."""

import os

import pytest
import redis

from core.redis_cache import FailSafeRedisCache
from tests.redis_server import RedisServer


def test_every_command_of_a_process_goes_through_one_redis_client():
    """Django builds a client per command, which cost more CPU than a cached page's
    Redis command itself (issue 16). No server is needed: a client connects lazily."""
    backend = FailSafeRedisCache("redis://127.0.0.1:9/0", {})._cache
    assert backend.get_client("a") is backend.get_client("b", write=True)


def test_redis_answers_are_parsed_in_c():
    """hiredis, not redis-py's parser in Python: a third of a cached page's read
    (issue 16)."""
    from redis._parsers import _HiredisParser

    pool = FailSafeRedisCache("redis://127.0.0.1:9/0", {})._cache._get_connection_pool(False)
    assert pool.connection_kwargs["parser_class"] is _HiredisParser


@pytest.fixture
def redis_server():
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def cache(redis_server):
    cache = FailSafeRedisCache(redis_server.url, {})
    cache.set_many({"version": 7, "page": ("<html>", {"Content-Type": "text/html"})})
    return cache


def test_a_cached_page_is_read_without_borrowing_a_pooled_connection(cache, monkeypatch):
    """Borrowing one (a lock, a poll for stray data, metrics) cost more CPU than the
    read itself (issue 16): the read goes on a connection of the process's own."""

    def borrowed(*args, **kwargs):
        raise AssertionError("a connection was borrowed from the pool")

    monkeypatch.setattr(cache._cache._get_connection_pool(False), "get_connection", borrowed)
    expected = {"version": 7, "page": ("<html>", {"Content-Type": "text/html"})}
    assert cache.get_many(["version", "page", "gone"]) == expected
    assert cache.get_many(["version", "page", "gone"]) == expected


def test_a_thread_that_finds_the_connection_in_use_is_answered_all_the_same(cache):
    lane = cache._cache._fast_lane
    assert lane.take()  # another thread reading
    try:
        assert cache.get_many(["version"]) == {"version": 7}
    finally:
        lane.give_back()


def test_an_answer_left_unread_is_never_taken_for_the_next_ones(cache, monkeypatch):
    """A read that failed once its command was sent (a timeout) leaves the answer on
    its connection: the next read must not return it as its own."""
    cache.set("other", "the other page")
    cache.get_many(["version"])
    connection = cache._cache._fast_lane._connection

    def timed_out(*args, **kwargs):
        monkeypatch.undo()
        raise redis.TimeoutError("Timeout reading from socket")

    monkeypatch.setattr(connection, "read_response", timed_out)
    assert cache.get_many(["page"]) == {}  # served as a miss
    assert cache.get_many(["other"]) == {"other": "the other page"}


def test_a_restart_of_redis_costs_no_read(cache, redis_server):
    assert cache.get_many(["version"]) == {"version": 7}
    redis_server.restart()
    cache.set("version", 8)
    assert cache.get_many(["version"]) == {"version": 8}


def test_a_forked_worker_reads_on_a_connection_of_its_own(cache, monkeypatch):
    """gunicorn forks its workers: two processes on one socket would read each
    other's answers."""
    cache.get_many(["version"])
    lane = cache._cache._fast_lane
    parents = lane._connection
    parent_pid = os.getpid()
    monkeypatch.setattr(os, "getpid", lambda: parent_pid + 1)
    assert cache.get_many(["version"]) == {"version": 7}
    assert lane._connection is not parents


def test_asking_for_no_keys_is_no_outage(cache, monkeypatch, caplog):
    """Redis refuses an MGET of nothing: the answer is known without asking."""
    monkeypatch.setattr(FailSafeRedisCache, "last_logged", None)
    assert cache.get_many([]) == {}
    assert [r for r in caplog.records if r.name == "core.redis_cache"] == []
