"""Wagtail admin routes answered only to who may act on what they show.

Wagtail asks only for admin access on these: any signed-in admin user, Finance
included, could read what they show of any page.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from wagtail.admin.auth import require_admin_access
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page

_wagtails_confirm_workflow_cancellation = page_viewset_registry.as_view(
    "confirm_workflow_cancellation", page_id_kwarg="page_id"
)


@require_admin_access
def confirm_workflow_cancellation(request, page_id):
    """The question asked when publishing a page in moderation ("cancel its
    workflow?"), naming the workflow and its task: for who may edit the page."""
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return _wagtails_confirm_workflow_cancellation(request, page_id=page_id)
