"""What the site's defences remember between requests, in the database: every worker
shares it, and it outlives a cache that is per process or down."""

from django.db import models


class UsedStartToken(models.Model):
    """A contact form's start token a message was sent with (core.spam): it works once."""

    token = models.CharField(max_length=128, unique=True)
    used_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.token


class WrongPassword(models.Model):
    """A wrong password for a private page or document (core.passwords)."""

    client_address = models.CharField(max_length=45)
    tried_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["client_address", "tried_at"])]

    def __str__(self):
        return f"{self.client_address} at {self.tried_at}"


class ContentVersion(models.Model):
    """One row: a number that grows whenever what visitors see changes (core.cache).

    Kept in the database so that every worker on every machine sees a publish at once,
    with or without a shared cache: each process reads it once per request and forgets
    what it remembered for an older version (core.memory)."""

    value = models.BigIntegerField(default=0)

    def __str__(self):
        return str(self.value)
