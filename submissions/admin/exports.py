"""Exports of a queue's filtered listing, safe for Excel and for memory.

Built on Wagtail's SpreadsheetExportMixin, changing what it does not do:

* CSV starts with a UTF-8 byte-order mark, or Excel opens Arabic as "????"
  (wagtail/wagtail#13071);
* any text cell starting with = + - @ (or a tab, carriage return, or their
  full-width forms) is prefixed with ' so a spreadsheet never runs it as a
  formula ("CSV injection");
* rows are read with ``QuerySet.iterator()`` and written as they come: the CSV
  streams to the browser and the XLSX streams to a temporary file, so memory
  stays flat with tens of thousands of rows;
* every export is written to the audit log with its format, row count and
  filters (never the search text).
"""

import codecs
import csv
import datetime
import tempfile

from django.contrib.contenttypes.models import ContentType
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone, translation
from wagtail.admin.views.mixins import Echo, ExcelDateFormatter
from wagtail.coreutils import multigetattr
from wagtail.log_actions import log

from ..answers import read_answer
from ..models import ExportRecord

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
ITERATOR_CHUNK = 1000


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


FILTER_VALUE_LENGTH = 100


def _storable(text):
    """Query-string text as JSON can keep it: PostgreSQL's jsonb refuses NUL characters."""
    return text.replace("\x00", "")[:FILTER_VALUE_LENGTH]


def log_export(request, model, export_format, count, filters):
    """Record an export and write it to the audit log (one entry per export, not per row)."""
    filters = {_storable(key): [_storable(value) for value in values] for key, values in filters.items()}
    record = ExportRecord.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        user=request.user,
        export_format=export_format,
        count=count,
        filters=filters,
    )
    log(
        record,
        "sharaka.submission.export",
        user=request.user,
        data={"format": export_format, "count": count, "filters": filters},
    )
    return record


class SafeExportMixin:
    """Mixed into a queue's IndexView, before Wagtail's SpreadsheetExportMixin in the MRO."""

    def export_filters(self):
        """The filter parameters in use, for the audit log (no search text)."""
        ignored = {"export", "find", "p"}
        return {key: self.request.GET.getlist(key) for key in self.request.GET if key not in ignored}

    def get(self, request, *args, **kwargs):
        # Wagtail builds the listing context first, which counts an unpaginated
        # list with len() and so loads every row into memory; an export needs none of it.
        if self.is_export:
            return self.as_spreadsheet(self.get_queryset(), request.GET.get("export"))
        return super().get(request, *args, **kwargs)

    def export_rows(self, queryset):
        return queryset.iterator(chunk_size=ITERATOR_CHUNK)

    def to_row_dict(self, item):
        # Answer fields read as staff see them in the inspect view (labels, names, national phone).
        answers = set(getattr(item, "ANSWER_FIELDS", ()))
        names = getattr(item, "option_names", None)
        return {
            field: read_answer(item, field, names).text if field in answers else multigetattr(item, field)
            for field in self.list_export
        }

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, datetime.datetime):
            local = timezone.localtime(value)
            if export_format == self.FORMAT_CSV:
                return local.strftime("%Y-%m-%d %H:%M")
            return local.replace(tzinfo=None)  # Excel has no time zones: show local time
        value = super().preprocess_field_value(field, value, export_format)
        # In XLSX, text cells are stored as text already (Wagtail turns would-be
        # formulas into strings); a leading ' would become part of the value.
        return neutralise(value) if export_format == self.FORMAT_CSV else value

    def stream_csv(self, queryset, language=None, zone=None):
        # The rows are written after the view has returned, outside Wagtail's
        # override of the user's admin language and time zone: restore them.
        language = language or translation.get_language()
        zone = zone or timezone.get_current_timezone()
        yield codecs.BOM_UTF8
        with translation.override(language), timezone.override(zone):
            writer = csv.DictWriter(Echo(), fieldnames=self.list_export)
            yield writer.writerow({field: self.get_heading(queryset, field) for field in self.list_export})
            for item in self.export_rows(queryset):
                yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        self.list_export  # noqa: B018 - settle the columns now, in the user's language
        rows = self.stream_csv(queryset, translation.get_language(), timezone.get_current_timezone())
        response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response

    def write_xlsx(self, queryset, output):
        from openpyxl import Workbook

        workbook = Workbook(write_only=True, iso_dates=True)
        sheet = workbook.create_sheet(title=str(self.get_filename())[:31])
        sheet.sheet_view.rightToLeft = translation.get_language_bidi()
        sheet.append(self.get_heading(queryset, field) for field in self.list_export)
        date_format = ExcelDateFormatter().get()
        for item in self.export_rows(queryset):
            sheet.append(self.generate_xlsx_row(sheet, self.to_row_dict(item), date_format=date_format))
        workbook.save(output)

    def write_xlsx_response(self, queryset):
        output = tempfile.TemporaryFile()
        self.write_xlsx(queryset, output)
        output.seek(0)
        return FileResponse(
            output,
            as_attachment=True,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            filename=f"{self.get_filename()}.xlsx",
        )

    def as_spreadsheet(self, queryset, spreadsheet_format):
        log_export(
            self.request,
            queryset.model,
            spreadsheet_format,
            queryset.count(),
            self.export_filters(),
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)
