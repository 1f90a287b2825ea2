"""The Redis cache's own client handling (core/redis_cache.py)."""

from core.redis_cache import FailSafeRedisCache


def test_every_command_of_a_process_goes_through_one_redis_client():
    """Django builds a client per command, which cost more CPU than a cached page's
    Redis command itself (issue 16). No server is needed: a client connects lazily."""
    backend = FailSafeRedisCache("redis://127.0.0.1:9/0", {})._cache
    assert backend.get_client("a") is backend.get_client("b", write=True)
