"""The design system on one page, for whoever changes a template (DEBUG only).

Components with a template of their own (header, footer, pagination, progress bar,
the English label) are rendered from it with made-up content; the others are
written with the classes the site's templates use.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse

# The colour tokens of static/css/site.css with what they are for; the contrast
# ratios are in the stylesheet's first comment.
COLOURS = [
    ("--ink", "body text"),
    ("--muted", "dates, notes"),
    ("--accent", "links, primary buttons"),
    ("--brand", "header"),
    ("--highlight", "the Donate button"),
    ("--tint", "calls to donate, notices"),
    ("--rule", "borders"),
    ("--focus", "keyboard focus"),
]
TYPE_SCALE = ["--step-4", "--step-3", "--step-2", "--step-1", "--step-0", "--step--1"]
SPACING = [f"--space-{step}" for step in range(1, 8)]


class SampleAppeal:
    """What campaign_progress.html reads of an appeal."""

    goal_amount = 1000000
    raised = 420000
    percent = 42
    currency = "JPY"


def style_guide(request):
    if not settings.DEBUG:
        raise Http404
    return TemplateResponse(
        request,
        "core/style_guide.html",
        {
            "colours": COLOURS,
            "type_scale": TYPE_SCALE,
            "spacing": SPACING,
            "campaign": SampleAppeal(),
            "items": Paginator(range(30), 10).get_page(2),
        },
    )
