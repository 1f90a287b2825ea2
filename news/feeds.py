"""RSS 2.0 and Atom feeds of the newest stories, for the whole site or one year.

Both live under the visitor's language (/en/news/feed/, /ja/news/feed/), so a
feed reader subscribed to one gets that language only.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.pages import home_page_for_request
from core.text import without_control_characters

from .models import NewsIndexPage, latest_stories

FEED_LENGTH = 20


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, year=None):
        self.request = request
        home = home_page_for_request(request)
        if home is None:
            raise Http404
        if year is None:
            return home
        news_year = NewsIndexPage.objects.of_home(home).filter(year=year).first()
        if news_year is None:
            raise Http404
        return news_year

    def title(self, obj):
        if isinstance(obj, NewsIndexPage):
            return without_control_characters(f"{obj.get_parent().title}: {obj.title}")
        return without_control_characters(obj.title)

    def link(self, obj):
        return obj.url

    def description(self, obj):
        return _("The newest stories from Life Funds for North Korean Refugees.")

    subtitle = description

    def items(self, obj):
        home = obj.get_parent() if isinstance(obj, NewsIndexPage) else obj
        news_year = obj if isinstance(obj, NewsIndexPage) else None
        stories = latest_stories(home, FEED_LENGTH, news_year=news_year)
        for story in stories:
            # The item's own mark, not the feed's: one Feed instance serves every request.
            story.untranslated = story.locale_id != home.locale_id
        return stories

    # XML cannot hold control characters: one pasted into a title must not break the feed.
    def item_title(self, item):
        title = without_control_characters(item.title)
        if item.untranslated:
            # A story the translated site shows before its translation: said in the title,
            # the one place every feed reader shows.
            label = pgettext("label of a story shown before its translation", "English")
            return f"[{label}] {title}"
        return title

    def item_description(self, item):
        return without_control_characters(item.summary)

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        if item.date:
            return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(12)))
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed
