from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page


class NewsIndexPageForm(WagtailAdminPageForm):
    """A year archive's URL is its year, so the year must be free among its siblings."""

    def clean(self):
        cleaned_data = super().clean()
        year = cleaned_data.get("year")
        if year:
            slug = str(year)
            if not Page._slug_is_available(slug, self.parent_page, self.instance):
                self.add_error("year", f"There is already a news archive for {year}.")
            self.instance.slug = slug
        return cleaned_data
