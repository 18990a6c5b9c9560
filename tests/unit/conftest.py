"""Fixtures for the unit tests: the tiny hand-made dashboard case."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest


def load_frames():
    """The ``dashboard_frames`` helper module, loaded by path (works under any import mode)."""
    path = Path(__file__).with_name("dashboard_frames.py")
    spec = importlib.util.spec_from_file_location("gapline_test_dashboard_frames", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def frames():
    """The helper module: ``make_case`` and the quotes and sentences the case holds."""
    return load_frames()


@pytest.fixture
def tiny_case(frames):
    """Two articles, five events and two flags, written by hand for the dashboard tests."""
    return frames.make_case()
