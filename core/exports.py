"""Spreadsheet exports that a spreadsheet program will not run (CSV injection).

A message or a name such as =HYPERLINK("http://evil.example","Open") is text to the
site, but a spreadsheet opening the CSV runs it as a formula. As OWASP advises, a
text cell starting with = + - @, a tab or a carriage return gets a leading single
quote, in every column and heading. Numbers stay numbers, and so does text that is
only a signed number ("-5") or one character (the admin's "-" for empty): neither
computes anything. XLSX cells are typed, and Wagtail writes text there as text
(never as a formula), so they are left as they are: a quote would show.
"""

import re

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SIGNED_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def neutralise_formula(value):
    if (
        isinstance(value, str)
        and len(value) > 1
        and value.startswith(FORMULA_START)
        and not SIGNED_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """Before a view with Wagtail's SpreadsheetExportMixin in its bases."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == SpreadsheetExportMixin.FORMAT_CSV:
            return neutralise_formula(value)
        return value

    def get_heading(self, queryset, field):
        # Headings (the labels of an editor's form fields) go into XLSX untyped, where
        # "=..." would be a formula too; a real label never starts with a formula sign.
        return neutralise_formula(super().get_heading(queryset, field))
