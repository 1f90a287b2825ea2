from django.db.models.signals import post_save
from django.dispatch import receiver

from core.translation import TRANSLATED_LANGUAGE

from .models import HomePage
from .translators import grant_japanese_tree


@receiver(post_save, sender=HomePage)
def give_translators_the_japanese_tree(sender, instance, created, raw=False, **kwargs):
    """However the Japanese home page is made (import, wagtail-localize, admin)."""
    if created and not raw and instance.locale.language_code == TRANSLATED_LANGUAGE:
        grant_japanese_tree(instance)
