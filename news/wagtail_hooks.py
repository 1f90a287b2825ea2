"""News in the admin: "Add news" in the menu, and a saved story files itself (news/filing.py)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .filing import file_story
from .models import NewsIndexPage, NewsPage


def news_year_to_add_to(user):
    """The newest original-language news year the user may add stories to, or None.

    Which year hardly matters: the story moves to its date's year when saved.
    """
    news_year = (
        NewsIndexPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("-year")
        .first()
    )
    if news_year is not None and news_year.permissions_for_user(user).can_add_subpage():
        return news_year
    return None


def add_news(request):
    news_year = news_year_to_add_to(request.user)
    if news_year is None:
        raise PermissionDenied
    return redirect("wagtailadmin_pages:add", "news", "newspage", news_year.pk)


class AddNewsMenuItem(MenuItem):
    def is_shown(self, request):
        return news_year_to_add_to(request.user) is not None


@hooks.register("register_admin_urls")
def register_add_news_url():
    return [path("add-news/", add_news, name="add_news")]


@hooks.register("register_admin_menu_item")
def register_add_news_menu_item():
    return AddNewsMenuItem("Add news", reverse("add_news"), icon_name="plus", order=150)


@hooks.register("before_publish_page")
def remember_where_the_story_was(request, page):
    # Publishing files the story (news/signals.py), and Wagtail then reloads the page
    # it hands to after_edit_page: the address before is known only here.
    request.path_before_publishing = page.path


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def file_the_story_under_its_year(request, page):
    page = page.specific
    if not isinstance(page, NewsPage):
        return
    if page.live and page.has_unpublished_changes:
        # A draft of a live story: moving it would change the live story's address
        # before anyone publishes the new date. It moves when published (news/signals.py).
        return
    path_before = getattr(request, "path_before_publishing", page.path)
    if not page.live:
        file_story(page, user=request.user)
        page.refresh_from_db()
    if page.path != path_before:
        messages.success(request, f"Filed under “{page.get_parent().title}”.")
