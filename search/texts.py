"""The words of a page, read as Wagtail's search backends read them (its
search_fields): the title apart, every other searchable field as the body."""

from django.utils.encoding import force_str
from wagtail.search import index


def as_text(value):
    """A field's value as text, as Wagtail's database backend prepares it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ", ".join(as_text(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(as_text(item) for item in value.values())
    return force_str(value)


def field_texts(obj, fields):
    """(field name, text) of each searchable field, related objects' fields included."""
    for field in fields:
        if isinstance(field, index.SearchField):
            yield field.field_name, as_text(field.get_value(obj)).strip()
        elif isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            objects = related.all() if hasattr(related, "all") else [related]
            for related_object in objects:
                yield from field_texts(related_object, field.fields)


def page_texts(page):
    """(title text, body text) of a specific page."""
    texts = list(field_texts(page, page.get_search_fields()))
    title = " ".join(text for name, text in texts if name == "title" and text)
    body = "\n".join(text for name, text in texts if name != "title" and text)
    return title, body
