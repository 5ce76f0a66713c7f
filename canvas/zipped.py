"""Zip files written the same way every time: the workbook's and the deck's members all carry one
fixed timestamp and mode (openpyxl and python-pptx stamp the current time), so the same model
gives the same bytes."""
from __future__ import annotations

import os
import zipfile


class FixedTimeZip(zipfile.ZipFile):
    """A zip whose members all carry one fixed timestamp and mode."""

    def writestr(self, zinfo_or_arcname, data, *args, **kwargs):
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=(1980, 1, 1, 0, 0, 0))
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
            zinfo_or_arcname.external_attr = 0o600 << 16
        return super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename, arcname=None, *args, **kwargs):  # openpyxl's worksheets go through temp files
        with open(filename, "rb") as handle:
            return self.writestr(arcname or os.path.basename(filename), handle.read())
