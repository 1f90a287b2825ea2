"""Photos and documents reach visitors only through a page a Moderator published.

Wagtail lets whoever uploaded a file replace, crop or delete it later with nothing
but the permission to upload. Once a page uses the file that would change a
published page without a Moderator, so from then on it takes the real "change"
permission (Moderators have it, Editors do not). A document no live public page
links to is served only to people signed in to the admin: an upload alone puts
nothing on the site's address for a phishing mail to point at. Documents in a
private collection stay behind its password or sign-in, as Wagtail sets it.
"""

import posixpath

from django.conf import settings
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.views.static import serve
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permission_policies.collections import (
    CollectionOwnershipPermissionPolicy,
    CollectionPermissionPolicy,
)
from wagtail.permissions import register_permission_policy

CHANGING = {"change", "delete"}


def is_in_use(instance):
    return ReferenceIndex.get_references_to(instance).exists()


def is_on_a_public_page(instance):
    pages = ReferenceIndex.get_references_to(instance).filter(
        base_content_type__model="page", base_content_type__app_label="wagtailcore"
    )
    page_ids = pages.values_list("object_id", flat=True)
    return Page.objects.live().public().filter(pk__in=[int(pk) for pk in page_ids]).exists()


def is_admin_user(user):
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


class ModeratedUploadsPolicy(CollectionOwnershipPermissionPolicy):
    """The owner's licence to change their own upload ends when a page uses it."""

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not super().user_has_any_permission_for_instance(user, actions, instance):
            return False
        if not CHANGING & set(actions) or not is_in_use(instance):
            return True
        # Without the owner's licence: only a collection's "change" permission counts.
        return CollectionPermissionPolicy.user_has_any_permission_for_instance(
            self, user, (set(actions) - CHANGING) | {"change"}, instance
        )


def register_policies():
    """For the exact classes: those win over the ones Wagtail's apps register for
    the same classes, whichever app is ready first."""
    for model, auth_model in [
        (get_image_model(), "wagtailimages.Image"),
        (get_document_model(), "wagtaildocs.Document"),
    ]:
        policy = ModeratedUploadsPolicy(
            model, auth_model=auth_model, owner_field_name="uploaded_by_user"
        )
        register_permission_policy(model, policy, exact_class=True)


def refuse_documents_no_public_page_shows(document, request):
    """Wagtail's before_serve_document hook: None lets Wagtail serve the file. A
    document in a private collection is its restriction's (password, sign-in) to guard."""
    if document.collection.get_view_restrictions().exists():
        return
    if not is_admin_user(request.user) and not is_on_a_public_page(document):
        raise Http404


# Renditions are what pages show; originals only the admin needs; document files go
# through Wagtail's serve view (privacy, headers), never straight from the folder.
PUBLIC_FOLDERS = ("images/",)
ADMIN_FOLDERS = ("original_images/",)
MEDIA_BROWSER_SECONDS = 3600  # a replaced photo may keep its file name


def serve_upload(request, path):
    """Uploaded photos from MEDIA_ROOT, for a site without a proxy or S3 in front
    (SERVE_MEDIA): no uploaded file can run a script, whatever its bytes say."""
    path = posixpath.normpath(path).lstrip("/")  # "images/../documents/" is documents
    public = path.startswith(PUBLIC_FOLDERS)
    if not public and not (path.startswith(ADMIN_FOLDERS) and is_admin_user(request.user)):
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    who = "public" if public else "private"
    patch_cache_control(response, **{who: True}, max_age=MEDIA_BROWSER_SECONDS)
    return response
