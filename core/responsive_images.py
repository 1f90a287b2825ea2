"""One width per image in a srcset, however small the uploaded photo.

Wagtail does not enlarge a photo: asked for renditions 800 and 1200 px wide of a
712 px photo, it makes both 712 px wide, and `{% picture %}` lists `712w` twice. A
repeated width is invalid HTML (the W3C validator rejects the page) and the browser
drops all but one. Old archive photos are often that small.

Upstream: wagtail/wagtail#12389 (the fix, #13837, keeps the first of each width as
here). Remove this when the Wagtail in use has it.
"""

from wagtail.images.models import ResponsiveImage


def width_srcset_without_repeats(cls, renditions_list):
    widths_seen = set()
    unique = []
    for rendition in renditions_list:
        if rendition.width not in widths_seen:
            widths_seen.add(rendition.width)
            unique.append(rendition)
    if len(unique) == 1:
        return unique[0].url
    return ", ".join(f"{rendition.url} {rendition.width}w" for rendition in unique)


def list_each_width_once():
    ResponsiveImage.get_width_srcset = classmethod(width_srcset_without_repeats)
