from django import template
from django.utils.html import format_html
from django.utils.translation import pgettext

register = template.Library()


@register.simple_tag
def language_label():
    """The label before a link the Japanese site shows in English: a story, or the page
    a donation option leads to, not yet translated."""
    label = pgettext("label of a story shown before its translation", "English")
    return format_html('<span class="language-label">{}</span>', label)
