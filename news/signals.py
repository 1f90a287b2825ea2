from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published, post_page_move

from .events import stories_refiled
from .filing import file_story, translate_news_year
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


@receiver(page_published, sender=NewsPage)
def file_a_published_story_under_its_year(sender, instance, revision=None, **kwargs):
    """However a story's new date goes live (its editor, a moderator's approval, a
    scheduled publish), the story moves to that date's year then, not before."""
    file_story(instance, user=getattr(revision, "user", None))
