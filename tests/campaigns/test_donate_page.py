"""The Donate page: the ways to give in the visitor's language, PayPal's form built
from the organisation's account, transfer details to copy, the open appeals, and
what the admin dashboard says while an option has nowhere to give."""

import pytest
from bs4 import BeautifulSoup

from campaigns.models import DonationOption
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    DonatePageFactory,
    DonationOptionFactory,
    DonationUsePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    japanese,
    member_of,
    sign_in_verified,
    translate_page,
)

pytestmark = pytest.mark.django_db

TRANSFER = "ゆうちょ銀行 郵便振替\n口座番号 00100-0-000000\n加入者名 北朝鮮難民救援基金"


@pytest.fixture
def donate(home):
    about = StandardPageFactory(parent=home, title="About LFNKR", slug="about")
    use = DonationUsePageFactory(parent=home)
    return DonatePageFactory(
        parent=home, trust_pages=[("page", about), ("page", use)], publish=True
    )


@pytest.fixture
def options(home):
    return {
        "paypal": DonationOptionFactory(
            label="PayPal", kind="paypal", url="", paypal_account="give@lfnkr.example"
        ),
        "transfer": DonationOptionFactory(
            label="Postal transfer", kind="transfer", url="", transfer_details=TRANSFER
        ),
        "crowd": DonationOptionFactory(label="Crowd funding", kind="crowd_funding"),
        "nowhere": DonationOptionFactory(label="Empty PayPal", kind="paypal", url=""),
    }


def japanese_options(options):
    """The options' Japanese copies, as translators make them (same destinations)."""
    copies = {}
    for name, option in options.items():
        copy = option.copy_for_translation(japanese())
        copy.label = f"{option.label}（日本語）"
        copy.save()
        copies[name] = copy
    return copies


def paypal_form(html, option):
    form = BeautifulSoup(html, "html.parser").select_one(f"#option-{option.pk} form")
    fields = {field["name"]: field["value"] for field in form.select("input")}
    return form, fields


def test_the_donate_page_shows_only_the_options_a_gift_can_reach(client, donate, options):
    html = client.get("/en/donate/").content.decode()
    main = BeautifulSoup(html, "html.parser").select_one("main")
    labels = [heading.text for heading in main.select(".donation-choice h3")]
    assert labels == ["PayPal", "Postal transfer", "Crowd funding"]
    assert "Empty PayPal" not in html  # not in the page's call to donate either
    crowd = main.select_one(f"#option-{options['crowd'].pk} a")
    assert crowd["href"] == options["crowd"].url


def test_paypal_gives_through_a_form_with_exactly_paypals_fields(client, donate, options):
    html = client.get("/en/donate/").content.decode()
    form, fields = paypal_form(html, options["paypal"])
    assert form["action"] == "https://www.paypal.com/donate" and form["method"] == "post"
    assert fields == {
        "business": "give@lfnkr.example",
        "no_recurring": "0",
        "currency_code": "JPY",
        "item_name": donate.get_parent().title,
        "custom": "campaign=&language=en",
        "notify_url": "http://testserver/paypal/ipn/",
        "return": "http://testserver/en/donate/thanks/",
        "rm": "1",
        "cancel_return": "http://testserver/en/donate/",
        "lc": "en_US",
    }


def test_a_hosted_donate_button_is_used_instead_of_the_account(client, donate, options):
    options["paypal"].paypal_button_id = "ABCDE12345"
    options["paypal"].save()
    _form, fields = paypal_form(client.get("/en/donate/").content.decode(), options["paypal"])
    assert fields["hosted_button_id"] == "ABCDE12345" and "business" not in fields


def test_the_japanese_donate_page_returns_to_the_japanese_thank_you_page(client, donate, options):
    translate_page(donate, title="寄付する")
    copies = japanese_options(options)
    html = client.get("/ja/donate/").content.decode()
    assert "Empty PayPal" not in html
    main = BeautifulSoup(html, "html.parser").select_one("main")
    labels = [heading.text for heading in main.select(".donation-choice h3")]
    assert labels == ["PayPal（日本語）", "Postal transfer（日本語）", "Crowd funding（日本語）"]
    _form, fields = paypal_form(html, copies["paypal"])
    assert fields["custom"] == "campaign=&language=ja"
    assert fields["return"] == "http://testserver/ja/donate/thanks/"
    assert fields["cancel_return"] == "http://testserver/ja/donate/"
    assert fields["lc"] == "ja_JP" and fields["notify_url"] == "http://testserver/paypal/ipn/"
    thanks = client.get("/ja/donate/thanks/").content.decode()
    assert '<html lang="ja">' in thanks and "ありがとう" in thanks


def test_the_thank_you_page_thanks_in_english(client, donate):
    response = client.get("/en/donate/thanks/")
    assert response.status_code == 200
    assert "Thank you for your gift" in response.content.decode()


def test_an_appeals_give_button_passes_its_campaign_to_paypal(client, home, donate, options):
    appeals = CampaignIndexPageFactory(parent=home)
    rescue = CampaignPageFactory(parent=appeals, title="Rescue of seven", currency="USD")
    appeal = client.get(rescue.url).content.decode()
    give = BeautifulSoup(appeal, "html.parser").select_one("a.give-button")
    assert give["href"] == f"/en/donate/?campaign={rescue.pk}#ways-heading"
    html = client.get(f"/en/donate/?campaign={rescue.pk}").content.decode()
    _form, fields = paypal_form(html, options["paypal"])
    assert fields["custom"] == f"campaign={rescue.pk}&language=en"
    assert (fields["item_name"], fields["currency_code"]) == ("Rescue of seven", "USD")
    assert "Your gift goes to the appeal “Rescue of seven”." in html
    # A campaign that is not open to gifts is no choice: the gift goes to the work as a whole.
    rescue.status = "closed"
    rescue.save()
    html = client.get(f"/en/donate/?campaign={rescue.pk}").content.decode()
    assert paypal_form(html, options["paypal"])[1]["custom"] == "campaign=&language=en"


def test_transfer_details_are_text_to_copy(client, donate, options):
    html = client.get("/en/donate/").content.decode()
    choice = BeautifulSoup(html, "html.parser").select_one(f"#option-{options['transfer'].pk}")
    assert choice.select_one("pre.copy-text").text == TRANSFER
    # The copy button waits for the script (a static file, allowed by the site's CSP).
    assert choice.select_one("button.copy-button").has_attr("hidden")
    assert '<script src="/static/js/copy-text.js" defer></script>' in html


def test_the_open_appeals_are_listed_with_their_progress(client, home, donate, options):
    from tests.factories import DonationFactory

    appeals = CampaignIndexPageFactory(parent=home)
    open_one = CampaignPageFactory(parent=appeals, title="Shelter winter fund")
    CampaignPageFactory(parent=appeals, title="Last year's fund", status="closed")
    DonationFactory(campaign=open_one, amount=125_000)
    html = client.get("/en/donate/").content.decode()
    assert "Shelter winter fund" in html and "Last year&#x27;s fund" not in html
    assert "125,000 of 500,000 JPY raised (25%)" in html
    assert f'href="/en/donate/?campaign={open_one.pk}#ways-heading"' in html


def test_only_the_donate_page_may_post_a_form_to_paypal(client, donate, options):
    csp = client.get("/en/donate/")["Content-Security-Policy"]
    assert "form-action 'self' https://www.paypal.com" in csp
    assert "https://www.paypal.com" not in client.get("/en/")["Content-Security-Policy"]


def test_options_without_destination_are_hidden_from_every_page(client, home, donate, options):
    appeals = CampaignIndexPageFactory(parent=home)
    rescue = CampaignPageFactory(parent=appeals)
    rescue.donation_options.set(list(options.values()))
    rescue.save()
    for url in ["/en/", "/en/donate/", rescue.url]:
        html = client.get(url).content.decode()
        assert "Empty PayPal" not in html, url
        assert "Crowd funding" in html, url
    assert list(DonationOption.objects.without_destination()) == [options["nowhere"]]


def test_a_paypal_option_links_to_the_donate_page_from_the_call_to_donate(client, donate, options):
    html = client.get("/en/").content.decode()
    call = BeautifulSoup(html, "html.parser").select_one(".donate-call")
    links = {link.text: link["href"] for link in call.select("a")}
    assert links["PayPal"] == f"/en/donate/#option-{options['paypal'].pk}"


@pytest.mark.parametrize("group", ["Editors", "Moderators", None])
def test_the_dashboard_says_what_an_option_lacks(client, admin_user, options, group):
    user = member_of(group) if group else admin_user
    html = sign_in_verified(client, user).get("/admin/").content.decode()
    assert (
        "PayPal is not set up: enter the organisation&#x27;s PayPal account</a> "
        "in Donation options (English)"
    ) in html


@pytest.mark.parametrize("group", ["Translators", "Finance"])
def test_the_dashboard_warning_is_for_those_who_fix_it(client, options, group):
    html = sign_in_verified(client, member_of(group)).get("/admin/").content.decode()
    assert "PayPal is not set up" not in html


def test_the_footer_links_the_donate_and_trust_pages_in_both_languages(client, home, donate):
    footer = BeautifulSoup(client.get("/en/").content, "html.parser").select_one("footer")
    links = [(link.text, link["href"]) for link in footer.select(".giving-links a")]
    assert links == [
        ("Donate", "/en/donate/"),
        ("About LFNKR", "/en/about/"),
        ("How your donations are used", "/en/how-your-donations-are-used/"),
    ]
    for page, title in zip(
        donate.trust_links(), ["LFNKRについて", "寄付金の使いみち"], strict=True
    ):
        translate_page(page, title=title)
    translate_page(donate, title="寄付する")
    footer = BeautifulSoup(client.get("/ja/").content, "html.parser").select_one("footer")
    links = [(link.text, link["href"]) for link in footer.select(".giving-links a")]
    assert links == [
        ("寄付する", "/ja/donate/"),
        ("LFNKRについて", "/ja/about/"),
        ("寄付金の使いみち", "/ja/how-your-donations-are-used/"),
    ]


def test_the_annual_report_is_shown_once_chosen(client, home):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    page = DonationUsePageFactory(parent=home)
    assert "Annual report" not in client.get(page.url).content.decode()
    report = Document.objects.create(
        title="Annual report 2014", file=ContentFile(b"%PDF-1.4\n", name="report.pdf")
    )
    page.annual_report = report
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert f'<a href="{report.url}">Annual report: Annual report 2014</a>' in html


def pages_of_every_type(home, donate):
    year = NewsIndexPageFactory(parent=home, year=2014)
    appeals = CampaignIndexPageFactory(parent=home)
    return [
        home,
        year,
        NewsPageFactory(parent=year),
        StandardPageFactory(parent=home),
        appeals,
        CampaignPageFactory(parent=appeals),
        donate,
        DonationUsePageFactory(parent=home, slug="use"),
    ]


def test_every_page_has_the_donate_button_of_its_language(client, home, donate):
    english = pages_of_every_type(home, donate)
    translate_page(donate, title="寄付する")
    japanese_pages = [
        page.get_translation_or_none(japanese()) or translate_page(page) for page in english
    ]
    for page, button in (
        [(p, ("Donate", "/en/donate/")) for p in english]
        + [(p, ("寄付する", "/ja/donate/")) for p in japanese_pages]
        + [(None, ("Donate", "/en/donate/"))]
    ):
        url = page.url if page else "/en/search/?q=rescue"
        header = BeautifulSoup(client.get(url).content, "html.parser").select_one("header")
        link = header.select_one("a.donate-button")
        assert (link.text, link["href"]) == button, url


def test_the_dashboard_lists_what_the_import_left_for_lfnkr_to_write(client, home, donate):
    editor = member_of("Editors")
    about = donate.trust_links()[0]
    html = sign_in_verified(client, editor).get("/admin/").content.decode()
    assert "Left for LFNKR to write" in html
    assert "does not say when LFNKR was founded" in html
    # Never to visitors: the page itself shows no such note.
    assert "founded" not in client.get(about.url).content.decode()
    about.save_revision(user=editor).publish()
    html = client.get("/admin/").content.decode()
    assert "does not say when LFNKR was founded" not in html


def test_the_call_to_donate_links_how_donations_are_used_in_japanese(client, home, options):
    use = DonationUsePageFactory(parent=home)
    home.donation_use_page = use
    home.save_revision().publish()
    translate_page(use, title="寄付金の使いみち")
    japanese_options(options)
    html = client.get("/ja/").content.decode()
    call = BeautifulSoup(html, "html.parser").select_one(".donate-call")
    assert call.select("a")[-1]["href"] == "/ja/how-your-donations-are-used/"


def test_an_option_leading_to_an_english_story_says_so_on_the_japanese_site(client, home, donate):
    """The import links crowd funding to the archive's story about it; until that story
    is translated, the Japanese site's option leads to the English one, labelled."""
    year = NewsIndexPageFactory(parent=home, year=2014)
    story = NewsPageFactory(parent=year, title="Crowd funding for a rescue")
    english = DonationOptionFactory(label="Crowd funding", kind="crowd_funding", url="")
    english.link_page = story
    english.save()
    translate_page(donate, title="寄付する")
    japanese_option = english.copy_for_translation(japanese())
    japanese_option.label = "クラウドファンディング"
    japanese_option.save()

    for html in (client.get("/ja/").content.decode(), client.get("/ja/donate/").content.decode()):
        link = BeautifulSoup(html, "html.parser").find("a", href=story.url)
        assert link["hreflang"] == "en"
        assert link.find_previous_sibling("span", class_="language-label").text == "英語"
    english_html = client.get("/en/donate/").content.decode()
    assert not BeautifulSoup(english_html, "html.parser").find("a", href=story.url).get("hreflang")
