"""A Redis cache that degrades instead of failing.

With Redis unreachable, reads miss and writes are dropped: the site serves
uncached pages and the admin works. The failure is logged once a minute, not on
every request, and the site recovers by itself when Redis answers again (the
client reconnects on its next command).
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

LOG_EVERY_SECONDS = 60


class FailSafeRedisCache(RedisCache):
    last_logged = None  # shared by every alias: one outage, one line a minute

    def unavailable(self, error, fallback):
        now = time.monotonic()
        last = FailSafeRedisCache.last_logged
        if last is None or now - last >= LOG_EVERY_SECONDS:
            FailSafeRedisCache.last_logged = now
            logger.warning(
                "The cache at %s is unreachable, serving without it: %s", self._servers, error
            )
        return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except RedisError as error:
            return self.unavailable(error, False)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as error:
            return self.unavailable(error, default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set(key, value, timeout, version)
        except RedisError as error:
            return self.unavailable(error, None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except RedisError as error:
            return self.unavailable(error, False)

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError as error:
            return self.unavailable(error, False)

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except RedisError as error:
            return self.unavailable(error, {})

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except RedisError as error:
            return self.unavailable(error, False)

    def incr(self, key, delta=1, version=None):
        """Without Redis every count starts afresh: the counter reads `delta`."""
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            return self.unavailable(error, delta)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except RedisError as error:
            return self.unavailable(error, list(data))

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except RedisError as error:
            return self.unavailable(error, None)

    def clear(self):
        try:
            return super().clear()
        except RedisError as error:
            return self.unavailable(error, None)
