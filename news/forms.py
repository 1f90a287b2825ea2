from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from core.text import without_control_characters


class NewsIndexPageForm(WagtailAdminPageForm):
    """A news year's URL is its year, so the year must be free among its siblings."""

    def clean(self):
        cleaned_data = super().clean()
        year = cleaned_data.get("year")
        if year:
            slug = str(year)
            if not Page._slug_is_available(slug, self.parent_page, self.instance):
                self.add_error("year", f"There is already a news year page for {year}.")
            self.instance.slug = slug
        return cleaned_data


class NewsPageForm(WagtailAdminPageForm):
    """A new story's body opens with an empty paragraph, ready to type into; control
    characters pasted into its title or summary are dropped."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding and not self.instance.body:
            story_block = self.instance._meta.get_field("body").stream_block
            self.initial["body"] = story_block.normalize([("paragraph", "")])

    def clean(self):
        cleaned_data = super().clean()
        for name in ("title", "summary"):
            if cleaned_data.get(name):
                cleaned_data[name] = without_control_characters(cleaned_data[name])
        return cleaned_data
