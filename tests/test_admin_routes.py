"""Every admin route of every snippet and of the donations, walked as each group.

The routes come from the URL configuration, not from a list kept here: a route a
new Wagtail version adds is walked too, and fails until it is given a kind below.
What each group may do is README.md's "Who does what in the admin" table.
"""

import datetime

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from wagtail.models import Page

from campaigns.models import Donation, DonationOption
from home.models import OrganisationAddress, SocialLink
from tests.factories import (
    DonationFactory,
    DonationOptionFactory,
    OrganisationAddressFactory,
    japanese,
    member_of,
    sign_in_verified,
)

pytestmark = pytest.mark.django_db

GROUPS = ["Editors", "Moderators", "Translators", "Finance"]

# What each route of a snippet does; a route missing here fails the walk.
SNIPPET_ROUTES = {
    "list": "read",
    "list_results": "read",
    "usage": "read",
    "history": "read",
    "history_results": "read",
    "add": "add",
    "edit": "change",
    "copy": "add",  # a new object in the language asked for, filled in from this one
    "delete": "delete",
}
CHOOSER_ROUTES = {
    "choose": "choose",
    "choose_results": "choose",
    "chosen": "choose",
    "chosen_multiple": "choose",
    "create": "nothing",  # snippets are made in their own editor (site/urls.py)
}
DONATION_ROUTES = {
    "index": "read",
    "history": "read",
    "create": "add",
    "edit": "change",
    "delete": "delete",
}

# README: Editors write and change snippets; Moderators also delete them;
# Translators change Japanese snippets only and delete none; Finance has none.
# Wagtail's choosers list to anyone in the admin what every visitor sees anyway
# (the address, the donation options, the follow-us links).
SNIPPET_RIGHTS = {
    "Editors": {"read", "choose", "add", "change"},
    "Moderators": {"read", "choose", "add", "change", "delete"},
    "Translators": {"read", "choose", "add", "change"},
    "Finance": {"choose"},
}
JAPANESE_ONLY = {"Translators": {"add", "change"}}
DONATION_RIGHTS = {"Finance": {"read", "add", "change", "delete"}}


def routes_in(namespace):
    """{route name: its URL keyword arguments} of one admin namespace."""

    def walk(patterns, in_namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(
                    pattern.url_patterns, in_namespace or pattern.namespace == namespace
                )
            elif in_namespace and pattern.name:
                yield pattern.name, sorted(pattern.pattern.regex.groupindex)

    return dict(walk(get_resolver().url_patterns, False))


def snippet_objects():
    english_address = OrganisationAddressFactory()
    english_option = DonationOptionFactory(label="PayPal")
    english_link = SocialLink.objects.create(label="Facebook", url="https://facebook.com/lfnkr")
    objects = {}
    for english in (english_address, english_option, english_link):
        objects[(type(english), "en")] = english
        translation = english.copy_for_translation(japanese())
        translation.save()
        objects[(type(english), "ja")] = translation
    return objects


def signed_in(group):
    return sign_in_verified(Client(), member_of(group))


def was_refused(response):
    """Wagtail answers a refusal with 403, or sends the visitor to the dashboard;
    a route the site offers to no one is 403 for everyone."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def expected(rights, kind, group, language, japanese_only=JAPANESE_ONLY):
    allowed = kind in rights.get(group, set())
    if kind in japanese_only.get(group, set()):
        allowed = allowed and language == "ja"
    return allowed


@pytest.mark.parametrize("group", GROUPS)
@pytest.mark.parametrize("model", [OrganisationAddress, DonationOption, SocialLink])
def test_every_snippet_route_answers_each_group_as_the_readme_says(home, group, model):
    objects = snippet_objects()
    client = signed_in(group)
    label = f"{model._meta.app_label}_{model._meta.model_name}"
    walked = []
    for namespace, kinds in [(f"wagtailsnippets_{label}", SNIPPET_ROUTES)] + [
        (f"wagtailsnippetchoosers_{label}", CHOOSER_ROUTES)
    ]:
        for name, arguments in routes_in(namespace).items():
            assert name in kinds, f"{namespace}:{name} is a route this walk does not know"
            for language in ("en", "ja"):
                instance = objects[(model, language)]
                url = reverse(f"{namespace}:{name}", kwargs=dict.fromkeys(arguments, instance.pk))
                if kinds[name] == "add" or not arguments:
                    url += f"?locale={language}"
                response = client.get(url)
                allowed = expected(SNIPPET_RIGHTS, kinds[name], group, language)
                outcome = (response.status_code, response.get("Location"))
                assert response.status_code < 500, url
                if allowed:
                    assert response.status_code == 200, (url, outcome)
                else:
                    assert was_refused(response), (url, outcome)
                walked.append(url)
    assert len(walked) >= 2 * (len(SNIPPET_ROUTES) + len(CHOOSER_ROUTES))


@pytest.mark.parametrize("group", GROUPS)
@pytest.mark.parametrize("model", [OrganisationAddress, DonationOption, SocialLink])
def test_a_group_that_may_not_delete_a_snippet_deletes_nothing(home, group, model):
    objects = snippet_objects()
    client = signed_in(group)
    label = f"{model._meta.app_label}_{model._meta.model_name}"
    for language in ("en", "ja"):
        instance = objects[(model, language)]
        client.post(reverse(f"wagtailsnippets_{label}:delete", args=[instance.pk]))
        client.post(
            reverse(
                "wagtail_bulk_action",
                args=[model._meta.app_label, model._meta.model_name, "delete"],
            )
            + f"?next=/admin/&id={instance.pk}"
        )
        still_there = model.objects.filter(pk=instance.pk).exists()
        assert still_there != expected(SNIPPET_RIGHTS, "delete", group, language), language


@pytest.mark.parametrize("group", GROUPS)
def test_every_donation_route_answers_each_group_as_the_readme_says(home, group):
    gift = DonationFactory(donor_name="Hanako Yamada")
    client = signed_in(group)
    routes = {
        name.removeprefix("campaigns_donation_modeladmin_"): arguments
        for name, arguments in routes_in(None).items()
        if name.startswith("campaigns_donation_modeladmin_")
    }
    assert set(routes) == set(DONATION_ROUTES)
    for route, arguments in routes.items():
        url = reverse(
            f"campaigns_donation_modeladmin_{route}", kwargs=dict.fromkeys(arguments, gift.pk)
        )
        response = client.get(url)
        assert response.status_code < 500, url
        if DONATION_ROUTES[route] in DONATION_RIGHTS.get(group, set()):
            assert response.status_code == 200, url
        else:
            assert was_refused(response), (url, response.status_code)
            assert "Hanako" not in response.content.decode()
    client.post(reverse("campaigns_donation_modeladmin_delete", args=[gift.pk]))
    assert Donation.objects.exists() == (group != "Finance")


@pytest.mark.parametrize("model", [OrganisationAddress, DonationOption, SocialLink])
def test_no_snippet_is_made_through_a_chooser(home, model):
    label = f"{model._meta.app_label}_{model._meta.model_name}"
    url = reverse(f"wagtailsnippetchoosers_{label}:create") + "?locale=en"
    response = signed_in("Moderators").post(url, {"label": "Evil", "url": "https://evil.example/"})
    assert response.status_code == 403
    assert not model.objects.exists()


# What each page route does. Some need a state these pages are not in (a workflow
# in progress, an alias) or only take a POST: they are walked for errors only.
PAGE_ROUTES = {
    **dict.fromkeys(
        ["history", "history_results", "usage", "view_draft", "preview_on_edit"], "read"
    ),
    **dict.fromkeys(["revisions_view", "revisions_compare", "workflow_history"], "read"),
    **dict.fromkeys(["edit", "add", "copy", "preview_on_add", "revisions_revert"], "write"),
    "confirm_workflow_cancellation": "write",  # names the page's workflow (core/admin_guards.py)
    **dict.fromkeys(["unpublish", "move", "move_confirm", "set_privacy"], "publish"),
    "delete": "delete",
    "revisions_unschedule": "publish",
    **dict.fromkeys(["search", "search_results", "type_use", "type_use_results"], "find"),
    **dict.fromkeys(
        [
            "add_subpage",  # redirects to "add" when a page type has one parent
            "choose_parent",
            "revisions_index",  # redirects to history
            "convert_alias",
            "lock",  # POST only: test_only_moderators_lock_pages
            "unlock",
            "set_page_position",
            "workflow_action",
            "collect_workflow_action_data",
            "workflow_preview",
            "workflow_history_detail",
        ],
        "walked",
    ),
}
# README: Editors write, Moderators also publish, Translators write and publish on
# the Japanese tree only, Finance nothing.
PAGE_RIGHTS = {
    "Editors": {"read", "write", "find"},
    "Moderators": {"read", "write", "publish", "find"},
    "Translators": {"read", "write", "publish", "find"},
    "Finance": set(),
}
PAGE_JAPANESE_ONLY = {"Translators": {"read", "write", "publish"}}
NO_SUCH = 999_999  # a workflow task or state these pages do not have


def page_route_arguments(page, arguments):
    values = {
        "page_id": page.pk,
        "page_to_move_id": page.pk,
        "pk": page.pk,
        "parent_page_id": page.get_parent().pk,
        "destination_id": page.get_parent().pk,
        "revision_id": page.latest_revision_id,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "content_type_app_name": page._meta.app_label,
        "app_label": page._meta.app_label,
        "content_type_model_name": page._meta.model_name,
        "model_name": page._meta.model_name,
        "action_name": "approve",
        "task_state_id": NO_SUCH,
        "task_id": NO_SUCH,
        "workflow_state_id": NO_SUCH,
    }
    return {name: values[name] for name in arguments}


def pages_of_every_type(home):
    from tests.factories import (
        CampaignIndexPageFactory,
        CampaignPageFactory,
        ContactPageFactory,
        DonatePageFactory,
        DonationUsePageFactory,
        NewsIndexPageFactory,
        NewsPageFactory,
        StandardPageFactory,
        translate_page,
    )

    year = NewsIndexPageFactory(parent=home, year=2014)
    campaigns = CampaignIndexPageFactory(parent=home)
    english = [
        home,
        year,
        NewsPageFactory(parent=year, date=datetime.date(2014, 12, 11)),
        StandardPageFactory(parent=home),
        ContactPageFactory(parent=home),
        campaigns,
        CampaignPageFactory(parent=campaigns),
        DonatePageFactory(parent=home),
        DonationUsePageFactory(parent=home),
    ]
    for page in english:
        page.save_revision()
    return [(page, "en") for page in english] + [(translate_page(page), "ja") for page in english]


def may_delete(group, page, language):
    """Wagtail deletes one page at a time, never one with pages under it (nobody here
    may delete in bulk); a live page only with the right to publish it."""
    publishes, writes = (
        expected(PAGE_RIGHTS, kind, group, language, PAGE_JAPANESE_ONLY)
        for kind in ("publish", "write")
    )
    has_subpages = Page.objects.child_of(page).exists()  # numchild in memory is stale
    return page.depth > 2 and not has_subpages and (publishes or (writes and not page.live))


@pytest.mark.parametrize("group", GROUPS)
def test_every_page_route_answers_each_group_as_the_readme_says(home, group):
    pages = pages_of_every_type(home)
    client = signed_in(group)
    routes = routes_in("wagtailadmin_pages")
    assert set(routes) <= set(PAGE_ROUTES), set(routes) - set(PAGE_ROUTES)
    for page, language in pages:
        for name, arguments in routes.items():
            url = reverse(
                f"wagtailadmin_pages:{name}", kwargs=page_route_arguments(page, arguments)
            )
            response = client.get(url)
            assert response.status_code < 500, url
            kind = PAGE_ROUTES[name]
            if kind == "walked":
                continue
            allowed = expected(PAGE_RIGHTS, kind, group, language, PAGE_JAPANESE_ONLY)
            if page.depth == 2 and name in ("move", "move_confirm", "preview_on_add"):
                continue  # a home "moved" to the root it is under stays where it is
            if page.depth == 2 and name == "add":
                allowed = False  # a language's home page is a root: only administrators
            if name == "delete":
                allowed = may_delete(group, page, language)
            if name == "add":  # one contact page: nobody adds a second
                allowed = allowed and page.specific_class.can_create_at(page.get_parent())
            if allowed:
                assert response.status_code == 200, (url, language, response.get("Location"))
            else:
                assert was_refused(response), (url, language, response.status_code)


@pytest.mark.parametrize("group", GROUPS)
def test_only_moderators_lock_pages(home, group):
    pages = dict((language, page) for page, language in pages_of_every_type(home)[2::9])
    client = signed_in(group)
    for language, page in pages.items():
        client.post(reverse("wagtailadmin_pages:lock", args=[page.pk]))
        locked = Page.objects.get(pk=page.pk).locked
        may_lock = expected(PAGE_RIGHTS, "publish", group, language, PAGE_JAPANESE_ONLY)
        assert locked == may_lock, language
