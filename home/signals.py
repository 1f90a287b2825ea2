from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.signals import page_published, page_unpublished, post_page_move

from campaigns.models import Donation, DonationOption

from .cache import bump_content_version
from .models import HomePage, OrganisationAddress, SocialLink
from .translators import TRANSLATED_LANGUAGE, grant_japanese_tree

# What visitors see changes: cached pages and fragments are out of date.
page_published.connect(bump_content_version, dispatch_uid="content-version-published")
page_unpublished.connect(bump_content_version, dispatch_uid="content-version-unpublished")
post_page_move.connect(bump_content_version, dispatch_uid="content-version-moved")
for model in (OrganisationAddress, SocialLink, DonationOption, Donation):
    for signal in (post_save, post_delete):
        signal.connect(bump_content_version, sender=model, dispatch_uid=f"content-version-{model}")


@receiver(post_save, sender=HomePage)
def give_translators_the_japanese_tree(sender, instance, created, raw=False, **kwargs):
    """However the Japanese home page is made (import, wagtail-localize, admin)."""
    if created and not raw and instance.locale.language_code == TRANSLATED_LANGUAGE:
        grant_japanese_tree(instance)


@receiver(page_published)
@receiver(page_unpublished)
def purge_the_lists_that_show_the_page(sender, instance, **kwargs):
    """Wagtail purges the page itself from the CDN; a story also appears in its
    year's list and on its home page, and a campaign in the home page's appeals."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    batch = PurgeBatch()
    batch.add_pages(instance.get_ancestors().live().filter(depth__gt=1).specific())
    batch.purge()
