from django.core.exceptions import PermissionDenied
from wagtail import hooks

from .uploads import refuse_documents_no_public_page_shows

hooks.register("before_serve_document", refuse_documents_no_public_page_shows)


@hooks.register("before_move_page")
def refuse_moves_the_user_may_not_make(request, page, destination):
    """Wagtail checks a move when it is made, but shows its confirmation page, with
    the titles of both pages, to anyone in the admin who asks for it."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
