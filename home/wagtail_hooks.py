from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import get_language
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.translation import TRANSLATED_LANGUAGE, is_translator_only, may_change

from .dashboard import SiteAtAGlancePanel
from .models import OrganisationAddress, SocialLink
from .templatetags.languages import UNTRANSLATED
from .translation_status import translation_status


class OrganisationAddressViewSet(SnippetViewSet):
    model = OrganisationAddress
    icon = "site"
    menu_label = "Address"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "city", "country", "locale"]


register_snippet(OrganisationAddressViewSet)


class SocialLinkViewSet(SnippetViewSet):
    model = SocialLink
    icon = "link"
    menu_label = "Follow-us links"
    add_to_admin_menu = True
    menu_order = 315
    list_display = ["label", "url", "sort_order", "locale"]


register_snippet(SocialLinkViewSet)


# Translators change Japanese snippets only. The snippet forms refuse any other save
# whatever the route (core.translation.TranslatableSnippetForm); these hooks refuse
# the screens themselves, deciding from the object's own locale where there is one.
@hooks.register("before_edit_snippet")
def translators_edit_japanese_snippets_only(request, instance):
    if getattr(instance, "locale_id", None) and not may_change(request.user, instance):
        raise PermissionDenied


@hooks.register("before_create_snippet")
def translators_create_japanese_snippets_only(request, model):
    # Wagtail gives a new snippet the locale of ?locale=, never one from the form.
    if is_translator_only(request.user) and request.GET.get("locale") != TRANSLATED_LANGUAGE:
        raise PermissionDenied


@hooks.register("before_delete_snippet")
def translators_delete_japanese_snippets_only(request, instances):
    if any(
        getattr(instance, "locale_id", None) and not may_change(request.user, instance)
        for instance in instances
    ):
        raise PermissionDenied


@hooks.register("before_serve_page")
def serve_pages_only_under_their_own_language(page, request, serve_args, serve_kwargs):
    """/ja/ without a Japanese home page would show English silently: send it home."""
    if page.locale.language_code != get_language():
        return redirect(f"{page.get_url(request)}?{UNTRANSLATED}=1")
    return None


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [path("translation-status/", translation_status, name="translation_status")]


@hooks.register("register_admin_menu_item")
def register_translation_status_menu_item():
    return MenuItem(
        "Translation status", reverse("translation_status"), icon_name="site", order=320
    )


@hooks.register("construct_homepage_panels")
def add_site_at_a_glance_panel(request, panels):
    panels.append(SiteAtAGlancePanel())
