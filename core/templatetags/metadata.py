"""What a page tells search engines and social networks: the page says, this renders."""

import json

from django import template
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.pages import PageMetadataMixin

register = template.Library()

OG_LOCALES = {"en": "en_US", "ja": "ja_JP"}
DEFAULT_IMAGE = "img/lfnkr-share.png"
SHARE_RENDITION = "fill-1200x630"
JSON_LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.inclusion_tag("components/metadata.html", takes_context=True)
def page_metadata(context, address):
    request, page = context["request"], context.get("page")
    if not isinstance(page, PageMetadataMixin):
        return {}
    url = page.get_full_url(request)
    description = page.get_meta_description()
    share_image = page.get_share_image()
    if share_image:
        image, image_alt = share_image
        image_url = request.build_absolute_uri(image.get_rendition(SHARE_RENDITION).url)
    else:
        image_url, image_alt = request.build_absolute_uri(static(DEFAULT_IMAGE)), ""
    organisation = (
        address.get_structured_data() if address else {"@type": "NGO", "name": page.title}
    )
    data = page.get_structured_data(
        url=url, description=description, image_url=image_url, organisation=organisation
    )
    json_ld = json.dumps(data, ensure_ascii=False).translate(JSON_LD_ESCAPES) if data else ""
    return {
        "canonical": url,
        "title": page.seo_title or page.title,
        "description": description,
        "og_type": "article" if data and data["@type"] == "NewsArticle" else "website",
        "og_locale": OG_LOCALES.get(get_language(), "en_US"),
        "image": image_url,
        "image_alt": image_alt,
        "site_name": address.name if address else "",
        "json_ld": mark_safe(json_ld),  # noqa: S308 - escaped above so it cannot close the script
    }
