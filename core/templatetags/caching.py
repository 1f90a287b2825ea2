"""{% fragment %}: a part of every page (header, footer, sidebar, the ways to give)
kept in the cache for FRAGMENT_CACHE_SECONDS under the site's content version.

Wagtail's {% wagtailcache %} with the seconds and version passed in did the same, but
also when fragments are not cached (FRAGMENT_CACHE_SECONDS=0): it built a key and
stored each fragment for nothing, a millisecond per page. The content version is read
once per request, not once per fragment (a Redis round trip each).
"""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.template.exceptions import TemplateSyntaxError

from core.cache import content_version

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        request = context.get("request")
        seconds = settings.FRAGMENT_CACHE_SECONDS
        # A preview shows unsaved content: never stored, never served from the cache.
        if seconds <= 0 or request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        if not hasattr(request, "content_version"):
            request.content_version = content_version()
        vary_on = [request.content_version, *(value.resolve(context) for value in self.vary_on)]
        key = make_template_fragment_key(self.name, vary_on)
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, seconds)
        return html


@register.tag
def fragment(parser, token):
    """{% fragment "name" what it varies on ... %} ... {% endfragment %}"""
    bits = token.split_contents()
    if len(bits) < 2:
        raise TemplateSyntaxError("'fragment' needs a name.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return FragmentNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]])
