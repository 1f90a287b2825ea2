from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import post_page_move

from .events import stories_refiled
from .filing import translate_news_year
from .models import NewsIndexPage, NewsPage, year_of_news_year


@receiver(post_save, sender=NewsIndexPage)
def translate_a_published_news_year(sender, instance, raw=False, **kwargs):
    """However a news year goes live (import, admin, code), the translated site gets it."""
    if instance.live and not raw:
        translate_news_year(instance)


@receiver(post_page_move)
def keep_the_filed_year_of_a_moved_story(sender, instance, parent_page_after, **kwargs):
    # Wagtail saves a moved page as a plain Page: NewsPage.save does not run.
    if issubclass(sender, NewsPage):
        NewsPage.objects.filter(pk=instance.pk).update(
            filed_year=year_of_news_year(instance.path, instance.depth)
        )
        stories_refiled.send(sender=sender, instance=instance)
