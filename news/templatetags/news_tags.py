from django import template

from news.models import NewsPage

register = template.Library()


@register.inclusion_tag("components/past_highlights.html")
def past_highlights(site_home):
    """Every highlighted story, grouped by year, newest year and newest story first."""
    highlights = []
    if site_home is not None:
        highlights = list(
            NewsPage.objects.live()
            .public()
            .descendant_of(site_home)
            .filter(is_highlight=True)
            .with_filed_year()
            .order_by("-filed_year", "-pk")
        )
    return {"highlights": highlights}
