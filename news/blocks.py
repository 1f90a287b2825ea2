"""The blocks of a story's body. Each names its template, icon, preview and purpose."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from campaigns.blocks import DonateBlock, SupportAppealBlock


class HeadingBlock(blocks.CharBlock):
    class Meta:
        group = "Text"
        template = "components/streamfield/heading_block.html"
        icon = "title"
        form_classname = "title"
        description = "A section heading inside the story"
        preview_value = "Rescue mission update"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "document-link", "ol", "ul"])
        super().__init__(**kwargs)

    class Meta:
        group = "Text"
        template = "components/streamfield/paragraph_block.html"
        icon = "pilcrow"
        description = "Text with bold, italic, links and lists"
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


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(help_text="The words quoted.")
    attribution = blocks.CharBlock(required=False, help_text="Who said or wrote them.")

    class Meta:
        group = "Text"
        template = "components/streamfield/quote_block.html"
        icon = "openquote"
        label = "Quote"
        description = "A quotation with the name of who said it"
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


class StoryBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    document = DocumentBlock()
    donate = DonateBlock()
    appeal = SupportAppealBlock()
