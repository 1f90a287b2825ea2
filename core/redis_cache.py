"""A Redis cache that degrades instead of failing.

With Redis unreachable, reads miss and writes are dropped: the site serves
uncached pages and the admin works. The failure is logged once a minute, not on
every request, and the site recovers by itself when Redis answers again (the
client reconnects on its next command).

Each process also keeps one Redis client per server instead of Django's new one
per command, and reads several keys at once on a connection of its own
(ReusedClientRedisCacheClient).
"""

import functools
import logging
import os
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

LOG_EVERY_SECONDS = 60


def degrades_to(fallback):
    """Run the cache method, or answer `fallback(*its arguments)` while Redis is away."""

    def decorate(method):
        @functools.wraps(method)
        def fail_safe(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                log_outage(self, error)
                return fallback(*args, **kwargs)

        return fail_safe

    return decorate


def log_outage(cache, error):
    """One line a minute for every alias together: one outage, one line."""
    now = time.monotonic()
    last = FailSafeRedisCache.last_logged
    if last is None or now - last >= LOG_EVERY_SECONDS:
        FailSafeRedisCache.last_logged = now
        logger.warning(
            "The cache at %s is unreachable, serving without it: %s", cache._servers, error
        )


def nothing(*args, **kwargs):
    return None


def refused(*args, **kwargs):
    return False


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django builds a new redis.Redis for every command, and building one (its table
    of a few hundred reply parsers) cost more CPU than the command itself: most of a
    cached page's time (issue 16). One client per connection pool is kept instead. A
    client holds no connection of its own: each command borrows one from the pool,
    which is safe across threads and starts afresh in a forked worker."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._fast_lane = FastLane()

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))  # pools are kept for the process's life
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def get_many(self, keys):
        """A cached page's one read: its content version and the page (core.cache).

        Through redis-py's client a command borrows a connection from the pool, polls
        it for stray data and records metrics, which cost more CPU than the command
        itself (issue 16). The read goes instead on the process's fast lane; a thread
        that finds the lane busy, or a cache of several servers, takes the client's way."""
        keys = list(keys)
        if not keys:
            return {}  # Redis refuses an MGET of nothing
        lane = self._fast_lane
        if len(self._servers) > 1 or not lane.take():
            return super().get_many(keys)
        try:
            values = lane.send(self._get_connection_pool(False), "MGET", *keys)
        finally:
            lane.give_back()
        loads = self._serializer.loads
        return {
            key: loads(value) for key, value in zip(keys, values, strict=True) if value is not None
        }


class FastLane:
    """A connection to Redis of the process's own, used by one thread at a time.

    A command that failed half way may have left part of its answer on the connection,
    which the next command would read as its own: it is closed, and the next command
    connects anew. One that Redis closed since its last answer (Redis restarted) is
    sent once more on a new connection, as the pool's check for stray data would have
    done before lending it. A forked worker gets a lane of its own, never its parent's
    socket."""

    def __init__(self):
        self._start()

    def _start(self):
        self._pid = os.getpid()
        self._lock = threading.Lock()
        self._connection = None
        self._has_answered = False

    def take(self):
        if self._pid != os.getpid():
            self._start()
        return self._lock.acquire(blocking=False)

    def give_back(self):
        self._lock.release()

    def send(self, pool, *command):
        if self._connection is None:
            self._connection = pool.connection_class(**pool.connection_kwargs)
        open_since_its_last_answer = self._has_answered
        try:
            answer = self._send(command)
        except RedisConnectionError:
            if not open_since_its_last_answer:
                raise
            answer = self._send(command)
        self._has_answered = True
        return answer

    def _send(self, command):
        connection = self._connection
        try:
            connection.send_command(*command)
            return connection.read_response()
        except BaseException:
            self._has_answered = False
            connection.disconnect()
            raise


class FailSafeRedisCache(RedisCache):
    """Django's Redis cache whose every command degrades instead of raising."""

    last_logged = None

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def make_and_validate_key(self, key, version=None):
        # Django's checks only warn of keys memcached would refuse (a Python loop over
        # every character of every key, on every command); Redis takes any key.
        return self.make_key(key, version=version)

    add = degrades_to(refused)(RedisCache.add)
    get = degrades_to(lambda key, default=None, version=None: default)(RedisCache.get)
    set = degrades_to(nothing)(RedisCache.set)
    touch = degrades_to(refused)(RedisCache.touch)
    delete = degrades_to(refused)(RedisCache.delete)
    get_many = degrades_to(lambda keys, version=None: {})(RedisCache.get_many)
    has_key = degrades_to(refused)(RedisCache.has_key)
    # Without Redis every count starts afresh: the counter reads `delta`.
    incr = degrades_to(lambda key, delta=1, version=None: delta)(RedisCache.incr)
    set_many = degrades_to(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    delete_many = degrades_to(nothing)(RedisCache.delete_many)
    clear = degrades_to(nothing)(RedisCache.clear)
