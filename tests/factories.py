"""Factories for the page tree: every page is added under its parent, as editors do."""

import datetime
import io

import factory
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Locale

from campaigns.models import (
    CampaignIndexPage,
    CampaignPage,
    DonatePage,
    Donation,
    DonationOption,
    DonationUsePage,
)
from home.models import ContactFormField, ContactPage, HomePage, OrganisationAddress, StandardPage
from news.models import NewsIndexPage, NewsPage


class PageFactory(factory.Factory):
    """Builds a page and adds it as a child of the `parent` argument: live, unless
    live=False (a draft); publish=True also publishes a revision, as an editor does,
    so Wagtail's publishing signals fire."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent, **kwargs):
        if kwargs.get("live", True):
            # Live pages carry publication times, as pages published in the admin do.
            now = timezone.now()
            kwargs.setdefault("first_published_at", now)
            kwargs.setdefault("last_published_at", now)
        page = model_class(*args, **kwargs)
        return parent.add_child(instance=page)

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        if create and extracted:
            page.save_revision().publish()


class NewsIndexPageFactory(PageFactory):
    class Meta:
        model = NewsIndexPage

    year = factory.Sequence(lambda n: 2000 + n)
    title = factory.LazyAttribute(lambda o: str(o.year))


class NewsPageFactory(PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Refugee rescue story {n}")
    # A day of its news year, where publishing would file it anyway (news/filing.py).
    date = factory.LazyAttributeSequence(
        lambda story, n: (
            datetime.date(getattr(story.parent, "year", 2014), 1, 1)
            + datetime.timedelta(days=n % 300)
        )
    )
    summary = factory.Faker("paragraph")


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"About us {n}")


class ContactPageFactory(PageFactory):
    class Meta:
        model = ContactPage

    title = "Contact Us"
    slug = "contact"

    @factory.post_generation
    def fields(page, create, extracted, **kwargs):
        """fields=[(label, field type), ...]: the form's fields, every one required."""
        for order, (label, kind) in enumerate(extracted or []):
            page.form_fields.add(
                ContactFormField(label=label, field_type=kind, required=True, sort_order=order)
            )
        if create and extracted:
            page.save()


class CampaignIndexPageFactory(PageFactory):
    class Meta:
        model = CampaignIndexPage

    title = "Appeals"
    slug = "appeals"


class CampaignPageFactory(PageFactory):
    class Meta:
        model = CampaignPage

    title = factory.Sequence(lambda n: f"Rescue fund {n}")
    goal_amount = 500_000


class DonatePageFactory(PageFactory):
    class Meta:
        model = DonatePage

    title = "Donate"
    slug = "donate"


class DonationUsePageFactory(PageFactory):
    class Meta:
        model = DonationUsePage

    title = "How your donations are used"
    slug = "how-your-donations-are-used"


class DonationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Donation

    amount = 10_000
    channel = Donation.Channel.PAYPAL


class OrganisationAddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationAddress

    locale = factory.LazyFunction(Locale.get_default)
    name = "Life Funds for North Korean Refugees"
    representative = "Kato Hiroshi"
    address_lines = "A-101 Nishi Kata Hyteru\n2-2-8 Nishi Kata, Bunkyo-ku"
    postal_code = "113-0024"
    city = "Tokyo"
    country = "Japan"
    telephone = "+81-3-3815-8127"
    fax = "+81-3-3815-8127"


class DonationOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DonationOption

    locale = factory.LazyFunction(Locale.get_default)
    label = factory.Sequence(lambda n: f"Donation channel {n}")
    description = "Give to the rescue fund"
    url = factory.Sequence(lambda n: f"https://donate.example.org/{n}")
    sort_order = factory.Sequence(int)


def two_colour_image_file(width=1600, height=400, split=0.5, left="red", right="blue"):
    """A PNG red up to `split` of its width, blue after: a crop shows which part it kept."""
    picture = PILImage.new("RGB", (width, height), left)
    picture.paste(right, (int(width * split), 0, width, height))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return ImageFile(buffer, name="photo.png")


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    title = factory.Sequence(lambda n: f"Photo {n}")
    description = "Refugee children in a shelter"
    file = factory.LazyFunction(two_colour_image_file)


def story_using(home, **fields):
    """A 2014 story using a photo or document (in `fields`). Wagtail records what a
    page uses (its reference index, which decides who may replace an upload and
    whether visitors get a document) once the save commits; a test never commits,
    so the commit's callbacks run here."""
    from django.test import TestCase

    year = NewsIndexPage.objects.filter(year=2014, locale=home.locale).first()
    year = year or NewsIndexPageFactory(parent=home, year=2014)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return NewsPageFactory(parent=year, date=datetime.date(2014, 12, 11), **fields)


def site_home():
    """The HomePage the data migration makes the default site's root."""
    return HomePage.objects.get(depth=2)


def japanese():
    return Locale.objects.get(language_code="ja")


def translate_page(page, **fields):
    """A live Japanese translation of `page`, translating missing parents first; a
    translation the site made itself (a news year) is given the fields."""
    parent = page.get_parent().specific
    if parent.depth > 1 and parent.get_translation_or_none(japanese()) is None:
        translate_page(parent)
    translation = page.get_translation_or_none(japanese())
    translation = translation.specific if translation else page.copy_for_translation(japanese())
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation.specific_class.objects.get(pk=translation.pk)


VOLUNTEER_PASSWORD = "a-volunteer-passphrase"  # noqa: S105 (test logins only)


def member_of(group_name, username=None, password=VOLUNTEER_PASSWORD):
    """A volunteer with a login, in one of the groups the data migrations create."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(
        username or group_name.lower(), email=f"{group_name.lower()}@lfnkr.example"
    )
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=group_name))
    return user


def totp_device(user):
    """The user's authenticator app (a confirmed TOTP device), made on first use."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def totp_code(device):
    """The code an authenticator app shows now for `device` (saved, or unsaved while
    being set up), the next one if now's was already used, as a person would wait."""
    import time

    from django_otp.oath import hotp

    if device.pk:
        device.refresh_from_db()
    step = (int(time.time()) - device.t0) // device.step + device.drift
    step = max(step, device.last_t + 1)
    return f"{hotp(device.bin_key, step, digits=device.digits):06d}"


def sign_in_verified(client, user):
    """Sign `client` in as `user` with both factors: the session is verified by the
    user's authenticator app, as django-otp's login does after the second step."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
    session.save()
    return client


def start_translation(page, user):
    """The Japanese draft of `page` that `user` starts in wagtail-localize, as the
    admin's "Translate" does: with WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE off
    it stays unpublished until a translator publishes it from the editor."""
    from wagtail_localize.operations import translate_object

    translate_object(page, [japanese()], user=user)
    return page.get_translation(japanese()).specific


def contact_start_token(seconds_ago=10):
    """The contact form's signed start time, as if a person opened it `seconds_ago`."""
    import time

    from django.core import signing

    from core.spam import SIGNER_SALT

    return signing.TimestampSigner(salt=SIGNER_SALT).sign(str(time.time() - seconds_ago))
