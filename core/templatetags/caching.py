from django import template
from django.conf import settings

from core.cache import content_version

register = template.Library()


@register.simple_tag
def get_fragment_cache():
    """How long shared fragments are kept, and the content version in their keys:
    the version changes whenever content is published, so no fragment outlives it."""
    return {"seconds": settings.FRAGMENT_CACHE_SECONDS, "version": content_version()}
