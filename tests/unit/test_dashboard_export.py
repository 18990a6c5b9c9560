"""Export: PNG, SVG and PDF through Chromium, HTML offline, and errors a user can act on."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET

import plotly.graph_objects as go
import pytest

import dashboard.export as export
from dashboard.export import export_case, export_figure
from dashboard.figures import timeline_figure
from gapline.errors import GaplineError, InputError


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def leftovers(directory):
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".part"))


@pytest.fixture
def fig(tiny_case):
    return timeline_figure(tiny_case.events, flags=tiny_case.flags, title="Border deployment",
                           credit="Source: gapline · Desert Wire")


@pytest.mark.chromium
def test_png_has_the_requested_pixel_size(fig, tmp_path):
    out = export_figure(fig, tmp_path / "chart.png", width=640, height=360)
    assert out == tmp_path / "chart.png"
    assert png_size(out.read_bytes()) == (640, 360)
    assert leftovers(tmp_path) == []


@pytest.mark.chromium
def test_png_scale_multiplies_pixels(fig, tmp_path):
    out = export_figure(fig, tmp_path / "chart@2x.PNG", width=500, height=300, scale=2)
    assert png_size(out.read_bytes()) == (1000, 600)


@pytest.mark.chromium
def test_svg_is_xml_with_the_title(fig, tmp_path):
    out = export_figure(fig, tmp_path / "chart.svg", width=800, height=450)
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    assert root.tag.endswith("svg")
    assert (root.get("width"), root.get("height")) == ("800", "450")
    assert "Border deployment" in out.read_text(encoding="utf-8")


@pytest.mark.chromium
def test_pdf_starts_with_the_pdf_signature(fig, tmp_path):
    data = export_figure(fig, tmp_path / "chart.pdf").read_bytes()
    assert data.startswith(b"%PDF")
    assert b"%%EOF" in data[-1024:]


@pytest.mark.chromium
def test_export_case_draws_the_case_with_a_credit(tiny_case, tmp_path):
    out = export_case(tiny_case, tmp_path / "case.svg", title="Case view", width=900, height=520)
    text = out.read_text(encoding="utf-8")
    assert "Case view" in text
    assert "Source: gapline · Desert Wire, The Example Post" in text
    assert "Northern Brigades" in text


@pytest.mark.chromium
def test_image_export_works_without_the_shared_browser(fig, tmp_path, monkeypatch):
    import kaleido

    kaleido.stop_sync_server(silence_warnings=True)

    def refuse(*args, **kwargs):
        raise RuntimeError("no shared browser here")

    monkeypatch.setattr(kaleido, "start_sync_server", refuse)
    assert png_size(export_figure(fig, tmp_path / "oneshot.png", width=320, height=200).read_bytes()) == (320, 200)


def test_html_is_offline_and_titled(fig, tmp_path):
    out = export_figure(fig, tmp_path / "chart.html", width=1000)
    text = out.read_text(encoding="utf-8")
    assert "<title>Border deployment</title>" in text
    assert "Plotly.newPlot" in text
    assert len(text) > 1_000_000, "plotly.js is embedded"
    assert re.findall(r"<script[^>]*\bsrc=", text) == []
    assert '"width":1000' in text


def test_unknown_suffix_lists_the_supported_ones(fig, tmp_path):
    with pytest.raises(InputError, match=r"unknown suffix '\.jpeg'; use one of \.png, \.svg, \.pdf, \.html"):
        export_figure(fig, tmp_path / "chart.jpeg")
    with pytest.raises(InputError, match="unknown suffix '\\(none\\)'"):
        export_figure(fig, tmp_path / "chart")
    assert list(tmp_path.iterdir()) == []


def test_missing_directory_is_an_input_error(fig, tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        export_figure(fig, tmp_path / "nope" / "chart.html")


def test_missing_chromium_says_what_to_install(fig, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "_find_chromium", lambda: None)
    with pytest.raises(InputError, match="apt-get install chromium"):
        export_figure(fig, tmp_path / "chart.png")
    assert list(tmp_path.iterdir()) == []


def test_failed_render_keeps_the_old_file_whole(fig, tmp_path, monkeypatch):
    target = tmp_path / "chart.png"
    target.write_bytes(b"previous export")

    def broken(*args, **kwargs):
        raise GaplineError("Chromium could not render the PNG")

    monkeypatch.setattr(export, "_render_image", broken)
    with pytest.raises(GaplineError, match="could not render"):
        export_figure(fig, target)
    assert target.read_bytes() == b"previous export"
    assert leftovers(tmp_path) == []


def test_existing_file_is_replaced(fig, tmp_path):
    target = tmp_path / "chart.html"
    target.write_text("old")
    export_figure(fig, target)
    assert target.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")
    assert leftovers(tmp_path) == []


def test_empty_figure_exports_to_html(tmp_path):
    out = export_figure(go.Figure(), tmp_path / "empty.html", width=300, height=200)
    assert '"height":200' in out.read_text(encoding="utf-8")
