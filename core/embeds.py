"""Embeds for the video block that need no request to the provider.

Wagtail's default finder asks each provider's oEmbed endpoint over the network.
For YouTube and Vimeo the player address follows from the video's own URL, so we
build the iframe ourselves: faster, private (youtube-nocookie) and testable offline.
"""

import re

from django.utils.html import format_html
from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.base import EmbedFinder

YOUTUBE = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/)|youtu\.be/)"
    r"(?P<id>[A-Za-z0-9_-]{11})"
)
VIMEO = re.compile(r"^https?://(?:www\.)?vimeo\.com/(?:video/)?(?P<id>\d+)")

PLAYERS = [
    (YOUTUBE, "YouTube", "https://www.youtube-nocookie.com/embed/{id}"),
    (VIMEO, "Vimeo", "https://player.vimeo.com/video/{id}"),
]


class VideoIframeFinder(EmbedFinder):
    width = 640
    height = 360

    def _match(self, url):
        for pattern, provider, player in PLAYERS:
            match = pattern.match(url or "")
            if match:
                return provider, player.format(id=match["id"])
        return None

    def accept(self, url):
        return self._match(url) is not None

    def find_embed(self, url, max_width=None, max_height=None):
        match = self._match(url)
        if match is None:
            raise EmbedNotFoundException
        provider, player_url = match
        html = format_html(
            '<iframe src="{}" title="{} video" width="{}" height="{}" loading="lazy" '
            'allow="fullscreen; picture-in-picture" allowfullscreen></iframe>',
            player_url,
            provider,
            self.width,
            self.height,
        )
        return {
            "title": "",
            "author_name": "",
            "provider_name": provider,
            "type": "video",
            "thumbnail_url": None,
            "width": self.width,
            "height": self.height,
            "html": str(html),
        }
