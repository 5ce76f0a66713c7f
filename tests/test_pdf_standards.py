"""The PDF as readers and archives want it (issue 18, part): tagged for screen readers by default
(PDF/UA-1), PDF/A on request, a true date that keeps the bytes reproducible, the title in the
reader's window; checked with pikepdf (qpdf's library) and pdfinfo."""
from __future__ import annotations

import subprocess

import pikepdf
import pytest
from weasyprint.pdf import VARIANTS

import canvas
from canvas.render import PDF_VARIANTS
from conftest import ROOT

EN = ROOT / "samples" / "music-streaming-en.yaml"
FA = ROOT / "samples" / "bank-fa.yaml"


def info(pdf) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def test_the_variants_offered_are_those_weasyprint_writes():
    assert set(PDF_VARIANTS) - {"none"} == set(VARIANTS) - {"debug"}


def test_the_default_pdf_is_tagged_valid_titled_and_dated_by_the_model(tmp_path):
    [pdf] = canvas.build(FA, tmp_path, formats=["pdf"], jobs=1)
    facts = {k: v.strip() for k, v in info(pdf).items()}
    assert facts["Tagged"] == "yes"
    assert facts["CreationDate"].startswith("Sun Oct  6 00:00:00 2024")  # meta.date 1403/07/15, Jalali
    with pikepdf.open(pdf) as document:
        assert document.check_pdf_syntax() == []  # what `qpdf --check` reports
        assert bool(document.Root.ViewerPreferences.DisplayDocTitle) is True
        assert document.Root.MarkInfo.Marked
        assert "pdfuaid" in str(document.open_metadata())
        assert str(document.docinfo["/Title"]) == "مدل کسب‌وکار بانک آینده‌نگر"


def test_without_a_model_date_the_pdf_is_dated_by_source_date_epoch_or_not_at_all(tmp_path, monkeypatch):
    model = tmp_path / "m.yaml"
    model.write_text("\n".join(line for line in EN.read_text("utf-8").splitlines()
                               if not line.strip().startswith("date:")) + "\n", "utf-8")
    [undated] = canvas.build(model, tmp_path / "a", formats=["pdf"], jobs=1)
    with pikepdf.open(undated) as document:
        assert "/CreationDate" not in document.docinfo and "/ModDate" not in document.docinfo
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    [dated] = canvas.build(model, tmp_path / "b", formats=["pdf"], jobs=1)
    with pikepdf.open(dated) as document:
        assert str(document.docinfo["/CreationDate"]).startswith("D:20231114221320")
    [again] = canvas.build(model, tmp_path / "c", formats=["pdf"], jobs=1)
    assert again.read_bytes() == dated.read_bytes()  # reproducible


@pytest.mark.parametrize("variant, marker", [("pdf/a-3b", "pdfaid:part"), ("none", None)])
def test_other_variants_on_request(tmp_path, cli, variant, marker):
    result = cli("build", EN, "-o", tmp_path, "--no-xlsx", "--no-html", "--pdf-variant", variant, "-j", "1")
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "music-streaming-en.pdf"
    with pikepdf.open(pdf) as document:
        assert document.check_pdf_syntax() == []
        metadata = str(document.open_metadata())
        if marker:
            assert marker in metadata
        else:
            assert "pdfuaid" not in metadata and "/MarkInfo" not in document.Root
    assert info(pdf)["Tagged"].strip() == ("no" if variant == "none" else "yes")


@pytest.mark.slow
def test_tagging_does_not_change_a_page(tmp_path):
    def pngs(pdf, prefix):
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(prefix)], check=True)
        return [p.read_bytes() for p in sorted(prefix.parent.glob(prefix.name + "-*.png"))]

    tagged = canvas.build(EN, tmp_path / "t", formats=["pdf"], jobs=1)[0]
    plain = canvas.build(EN, tmp_path / "p", formats=["pdf"], jobs=1, pdf_variant="none")[0]
    pages = pngs(tagged, tmp_path / "tagged")
    assert len(pages) > 5 and pages == pngs(plain, tmp_path / "plain")
