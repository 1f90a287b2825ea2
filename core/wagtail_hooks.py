from wagtail import hooks

from .uploads import refuse_documents_no_public_page_shows

hooks.register("before_serve_document", refuse_documents_no_public_page_shows)
