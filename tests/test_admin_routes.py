"""Every admin route of every snippet and of the donations, walked as each group.

The routes come from the URL configuration, not from a list kept here: a route a
new Wagtail version adds is walked too, and fails until it is given a kind below.
What each group may do is README.md's "Who does what in the admin" table.
"""

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from campaigns.models import Donation, DonationOption
from home.models import OrganisationAddress, SocialLink
from tests.factories import (
    DonationFactory,
    DonationOptionFactory,
    OrganisationAddressFactory,
    japanese,
    member_of,
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
    client = Client()
    client.force_login(member_of(group))
    return client


def was_refused(response):
    """Wagtail answers a refusal with 403, or sends the visitor to the dashboard;
    a route the site offers to no one is 403 for everyone."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def expected(rights, kind, group, language):
    allowed = kind in rights.get(group, set())
    if kind in JAPANESE_ONLY.get(group, set()):
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
