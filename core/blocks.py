"""The text and media blocks every page body is made of.

Each names its template, icon, preview and purpose. The story body itself
(campaigns.blocks.StoryBlock) adds the giving blocks to these.
"""

from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


def newest_image_preview():
    from wagtail.images import get_image_model

    return {
        "image": get_image_model().objects.order_by("-created_at").first(),
        "alt_text": "The newest photo in the image library",
        "caption": "A caption tells readers where and when the photo was taken.",
    }


def newest_document_preview():
    from wagtail.documents import get_document_model

    return {"document": get_document_model().objects.order_by("-created_at").first()}


class HeadingBlock(blocks.CharBlock):
    class Meta:
        group = "Text"
        template = "components/streamfield/heading_block.html"
        icon = "title"
        form_classname = "title"
        description = "A section heading inside the story"
        help_text = "A few words that start a new part of the story."
        preview_value = "Rescue mission update"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "document-link", "ol", "ul"])
        super().__init__(**kwargs)

    @staticmethod
    def is_empty(value):
        return not strip_tags(value.source).strip()

    class Meta:
        group = "Text"
        template = "components/streamfield/paragraph_block.html"
        icon = "pilcrow"
        description = "Text with bold, italic, links and lists"
        help_text = "Type or paste the text. Left empty, the paragraph is dropped on saving."
        preview_value = (
            "<p>Seven North Korean defectors are hiding in China, waiting for the next step "
            "of their rescue.</p>"
        )


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        help_text="Describe the picture for people who cannot see it (required)."
    )
    caption = blocks.CharBlock(required=False, help_text="Shown under the picture (optional).")

    class Meta:
        group = "Media"
        template = "components/streamfield/image_block.html"
        icon = "image"
        label = "Image"
        description = "A picture with its description for screen readers and a caption"
        help_text = "Choose or upload a photo; set its focal point in Images to guide crops."
        preview_value = staticmethod(newest_image_preview)


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(help_text="The words quoted.")
    attribution = blocks.CharBlock(required=False, help_text="Who said or wrote them.")

    class Meta:
        group = "Text"
        template = "components/streamfield/quote_block.html"
        icon = "openquote"
        label = "Quote"
        description = "A quotation with the name of who said it"
        help_text = "The quoted words only; the quotation marks are added for you."
        preview_value = {
            "text": "We invite your help in rescuing these people seeking better lives.",
            "attribution": "Kato Hiroshi",
        }


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(help_text="The address of a YouTube or Vimeo video.")
    caption = blocks.CharBlock(required=False, help_text="Shown under the video (optional).")

    class Meta:
        group = "Media"
        template = "components/streamfield/video_block.html"
        icon = "media"
        label = "Video"
        description = "A YouTube or Vimeo video, played on the page"
        help_text = "Paste the video's address from YouTube or Vimeo."
        # Picker previews never load a video from the network.
        preview_template = "components/streamfield/previews/video_block.html"
        preview_value = {"caption": "Refugees describe their escape (a video plays here)"}


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(help_text="A report, brochure or letter (PDF and others).")
    link_text = blocks.CharBlock(
        required=False, help_text="The words of the link; the document's title when empty."
    )

    class Meta:
        group = "Media"
        template = "components/streamfield/document_block.html"
        icon = "doc-full"
        label = "Document"
        description = "A link to download a document, with its type and size"
        help_text = "Choose or upload a PDF or office file (at most 20 MB)."
        preview_value = staticmethod(newest_document_preview)


class BodyBlock(blocks.StreamBlock):
    """Text and media, in any order; a paragraph left empty is dropped, not refused."""

    heading = HeadingBlock()
    # Not required: a new page opens with an empty paragraph to type into
    # (see news.forms.NewsPageForm), and one left empty is dropped on saving.
    paragraph = ParagraphBlock(required=False)
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    document = DocumentBlock()

    def clean(self, value):
        cleaned = super().clean(value)
        return blocks.StreamValue(
            self,
            [
                (child.block_type, child.value, child.id)
                for child in cleaned
                if not (child.block_type == "paragraph" and ParagraphBlock.is_empty(child.value))
            ],
        )
