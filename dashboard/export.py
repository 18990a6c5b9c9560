"""Write figures to files: PNG, SVG and PDF through kaleido and Chromium, HTML offline.

The format follows the suffix (:data:`SUPPORTED`). Images are rendered by kaleido in a headless
Chromium; the first image of a process starts one shared browser (``kaleido.start_sync_server``)
that later images reuse, and if that browser dies the export falls back to a one-off browser.
HTML embeds plotly.js, so the file opens without a network. A file is written beside ``path``
first and renamed into place, so a failed export never leaves a half-written file.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

import plotly.graph_objects as go

from dashboard.figures import timeline_figure
from divergence.case import Case
from gapline.errors import GaplineError, InputError

__all__ = ["SUPPORTED", "export_case", "export_figure", "write_atomic"]

SUPPORTED = (".png", ".svg", ".pdf", ".html")
_IMAGES = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
DEFAULT_WIDTH = 1200
DEFAULT_HEIGHT = 600
_INSTALL = (
    "Exporting {fmt} needs a Chromium browser: install it (apt-get install chromium, or set BROWSER_PATH "
    "to a Chrome/Chromium binary), or export to .html, which needs no browser."
)
_SERVER_LOCK = threading.Lock()


def _find_chromium() -> str | None:
    """The Chromium kaleido would use, or ``None``."""
    try:
        from choreographer.browsers.chromium import Chromium

        found = Chromium.find_browser(skip_local=False)
    except Exception:  # noqa: BLE001 - any failure to look means: fall back to PATH
        names = ("chromium", "chromium-browser", "google-chrome")
        found = next((path for path in map(shutil.which, names) if path), None)
    return found if found and Path(found).is_file() else None


def _server_thread_alive(kaleido: Any) -> bool:
    thread = getattr(getattr(kaleido, "_global_server", None), "_thread", None)
    return thread is None or thread.is_alive()


def _render_with_server(kaleido: Any, spec: dict, opts: dict) -> bytes | None:
    """Render through the shared browser; ``None`` when it is not usable (then render one-off)."""
    try:
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    except Exception:  # noqa: BLE001
        return None
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["data"] = kaleido.calc_fig_sync(spec, opts=opts)
        except BaseException as exc:  # noqa: BLE001
            box["error"] = exc

    worker = threading.Thread(target=run, daemon=True, name="gapline-export")
    worker.start()
    while worker.is_alive():
        worker.join(0.05)
        if worker.is_alive() and not _server_thread_alive(kaleido):
            worker.join(0.5)
            if worker.is_alive():
                try:
                    kaleido.stop_sync_server(silence_warnings=True)
                except Exception:  # noqa: BLE001
                    pass
                return None
    if "error" in box:
        raise box["error"]
    return box["data"]


def _render_image(fig: go.Figure, fmt: str, *, width: int, height: int, scale: float) -> bytes:
    if _find_chromium() is None:
        raise InputError(_INSTALL.format(fmt=fmt.upper()))
    try:
        import kaleido
        from kaleido.errors import ChromeNotFoundError
    except ImportError as exc:
        raise InputError(f"Exporting {fmt.upper()} needs kaleido >= 1: pip install 'kaleido>=1' ({exc}).") from None
    spec = fig.to_dict()
    opts = {"format": fmt, "width": width, "height": height, "scale": scale}
    try:
        with _SERVER_LOCK:
            data = _render_with_server(kaleido, spec, opts)
        if data is None:
            data = kaleido.calc_fig_sync(spec, opts=opts, kopts={"mathjax": False})
    except ChromeNotFoundError:
        raise InputError(_INSTALL.format(fmt=fmt.upper())) from None
    except Exception as exc:  # noqa: BLE001 - kaleido and the browser raise many kinds
        raise GaplineError(
            f"Chromium could not render the {fmt.upper()} ({type(exc).__name__}: {exc}). "
            "Check that Chromium starts (chromium --headless --version), or export to .html."
        ) from None
    if not data:
        raise GaplineError(f"Chromium returned an empty {fmt.upper()}; try again or export to .html.")
    return data


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def write_atomic(path: str | os.PathLike, payload: bytes) -> Path:
    """Write ``payload`` to a temporary file beside ``path``, then rename it into place.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_atomic(Path(tmp) / "a.txt", b"hi").read_bytes()
    b'hi'
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise InputError(f"cannot write {str(path)!r}: directory {str(path.parent)!r} does not exist; create it first")
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def export_figure(fig: go.Figure, path: str | os.PathLike, *, width: int | None = None, height: int | None = None,
                  scale: float = 1.0) -> Path:
    """Write ``fig`` to ``path`` in the format of its suffix (.png .svg .pdf .html) and return the path.

    ``width`` and ``height`` are layout pixels (default: the figure's own, else 1200 × 600);
    ``scale`` multiplies the pixels of a PNG. Raises :class:`~gapline.errors.InputError` for an
    unknown suffix, a missing directory or a missing Chromium.

    Examples
    --------
    >>> export_figure(go.Figure(), "chart.jpeg")
    Traceback (most recent call last):
    ...
    gapline.errors.InputError: cannot export to 'chart.jpeg': unknown suffix '.jpeg'; use one of .png, .svg, .pdf, .html
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise InputError(
            f"cannot export to {str(path)!r}: unknown suffix {suffix or '(none)'!r}; use one of {', '.join(SUPPORTED)}"
        )
    if not path.parent.is_dir():
        raise InputError(
            f"cannot export to {str(path)!r}: directory {str(path.parent)!r} does not exist; create it first"
        )
    if scale <= 0:
        raise InputError(f"scale must be positive, got {scale}")
    if suffix == ".html":
        sized = go.Figure(fig).update_layout(width=width or fig.layout.width, height=height or fig.layout.height)
        page = sized.to_html(include_plotlyjs=True, full_html=True, config={"displaylogo": False})
        heading = re.sub(r"<[^>]+>", "", fig.layout.title.text or "") or "gapline timeline"
        payload: bytes = page.replace("<head>", f"<head>\n    <title>{heading}</title>", 1).encode("utf-8")
    else:
        payload = _render_image(fig, _IMAGES[suffix], width=int(width or fig.layout.width or DEFAULT_WIDTH),
                                height=int(height or fig.layout.height or DEFAULT_HEIGHT), scale=scale)

    return write_atomic(path, payload)


def export_case(case: Case, path: str | os.PathLike, *, title: str | None = None, credit: str | None = None,
                width: int | None = None, height: int | None = None, scale: float = 1.0) -> Path:
    """Draw the swimlane of ``case`` (its flags ringed) and write it to ``path``; see :func:`export_figure`.

    ``credit`` defaults to "Source: gapline · " and the outlets of the case's documents. An image
    without a ``width`` is 1200 pixels wide; an HTML page without one fills the browser window.
    """
    if credit is None:
        outlets = sorted({o for o in case.documents["outlet"].to_list() if o})
        credit = "Source: gapline" + (f" · {', '.join(outlets)}" if outlets else "")
    names = dict(zip(case.actors["actor_id"].to_list(), case.actors["name"].to_list(), strict=False))
    fig = timeline_figure(case.events, flags=case.flags, title=title, credit=credit or None,
                          width=width, height=height, bloc_names=names)
    return export_figure(fig, path, width=width, height=height, scale=scale)
