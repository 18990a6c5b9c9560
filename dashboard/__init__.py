"""The dashboard of gapline: the swimlane figure, the Dash app, static export and the briefing.

``timeline_figure`` (in :mod:`dashboard.figures`) is the one figure builder; the app
(:func:`create_app`, :func:`serve`), the exporter (:func:`export_figure`, :func:`export_case`) and
the report (:func:`render_report`, :func:`write_report`) all draw with it and with
:mod:`dashboard.theme`.
"""

from dashboard.app import create_app, serve
from dashboard.export import export_case, export_figure
from dashboard.figures import timeline_figure
from dashboard.report import render_report, write_report

__all__ = [
    "create_app",
    "export_case",
    "export_figure",
    "render_report",
    "serve",
    "timeline_figure",
    "write_report",
]
