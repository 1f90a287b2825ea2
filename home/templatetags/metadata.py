"""What a page tells search engines and social networks about itself."""

import json

from django import template
from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

register = template.Library()

OG_LOCALES = {"en": "en_US", "ja": "ja_JP"}
DEFAULT_IMAGE = "img/lfnkr-share.png"
JSON_LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def description_of(page):
    if page.search_description:
        return page.search_description
    if hasattr(page, "get_meta_description"):
        return page.get_meta_description()
    summary = getattr(page, "summary", "") or strip_tags(getattr(page, "intro", "") or "")
    first_paragraph = summary.split("\n\n", 1)[0].strip()
    # Search engines always get a sentence, even for a page editors left without one.
    return Truncator(first_paragraph).chars(300) or _(
        "Life Funds for North Korean Refugees, an NGO in Tokyo, rescues North Korean "
        "refugees hiding in China and reports on human rights in North Korea."
    )


def image_of(page, request):
    """The story's lead image, else the first picture of its body, else the site's own."""
    lead_image = getattr(page, "lead_image", None)
    if lead_image:
        rendition = lead_image.get_rendition("fill-1200x630")
        return request.build_absolute_uri(rendition.url), page.lead_image_alt
    for block in getattr(page, "body", None) or []:
        if block.block_type == "image":
            rendition = block.value["image"].get_rendition("fill-1200x630")
            return request.build_absolute_uri(rendition.url), block.value["alt_text"]
    return request.build_absolute_uri(static(DEFAULT_IMAGE)), ""


def postal_address(address):
    return {
        "@type": "PostalAddress",
        "streetAddress": ", ".join(address.street_lines),
        "addressLocality": address.city,
        "postalCode": address.postal_code,
        "addressCountry": address.country,
    }


def structured_data(page, request, address, url, description, image):
    from home.models import HomePage
    from news.models import NewsPage

    organisation = {"@type": "NGO", "name": address.name if address else page.title}
    if address:
        organisation.update(
            address=postal_address(address),
            telephone=address.telephone,
            faxNumber=address.fax,
        )
    if isinstance(page, NewsPage):
        published = page.date.isoformat() if page.date else str(page.year)
        modified = page.last_published_at.isoformat() if page.last_published_at else published
        return {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": page.title,
            "description": description,
            "datePublished": published,
            "dateModified": modified,
            "inLanguage": page.locale.language_code,
            "mainEntityOfPage": url,
            "image": [image],
            "publisher": {"@type": "NGO", "name": organisation["name"]},
        }
    if isinstance(page, HomePage):
        return {"@context": "https://schema.org", **organisation, "url": url, "logo": image}
    return None


@register.inclusion_tag("components/metadata.html", takes_context=True)
def page_metadata(context, address):
    request, page = context["request"], context.get("page")
    if not isinstance(page, Page):
        return {}
    url = page.get_full_url(request)
    description = description_of(page)
    image, image_alt = image_of(page, request)
    data = structured_data(page, request, address, url, description, image)
    json_ld = json.dumps(data, ensure_ascii=False).translate(JSON_LD_ESCAPES) if data else ""
    return {
        "canonical": url,
        "title": page.seo_title or page.title,
        "description": description,
        "og_type": "article" if data and data["@type"] == "NewsArticle" else "website",
        "og_locale": OG_LOCALES.get(get_language(), "en_US"),
        "image": image,
        "image_alt": image_alt,
        "site_name": address.name if address else "",
        "json_ld": mark_safe(json_ld),  # noqa: S308 - escaped above so it cannot close the script
    }
