from django.db.models.signals import post_save
from django.dispatch import receiver

from core.translation import TRANSLATED_LANGUAGE

from .models import HomePage, OrganisationAddress
from .translators import grant_japanese_tree


@receiver(post_save, sender=HomePage)
def give_translators_the_japanese_tree(sender, instance, created, raw=False, **kwargs):
    """However the Japanese home page is made (import, wagtail-localize, admin)."""
    if created and not raw and instance.locale.language_code == TRANSLATED_LANGUAGE:
        grant_japanese_tree(instance)


@receiver(post_save, sender=OrganisationAddress)
def one_logo_in_every_language(sender, instance, raw=False, **kwargs):
    """The logo is the organisation's, not a text to translate: whichever language's
    address it is set (or removed) on, every translation shows the same."""
    if raw:
        return
    OrganisationAddress.objects.filter(translation_key=instance.translation_key).exclude(
        logo_id=instance.logo_id
    ).update(logo_id=instance.logo_id)
