"""Shared test set-up.

Tests that need a Chromium binary (static export, browser tests) carry the ``chromium`` or
``browser`` marker. Where no Chromium is installed they skip with that reason, unless
``GAPLINE_REQUIRE_CHROMIUM=1`` is set (as ``.ci/run`` does): then they fail, so CI always
runs them.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = next(
    (p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None
)
REQUIRED = os.environ.get("GAPLINE_REQUIRE_CHROMIUM") == "1"


def pytest_collection_modifyitems(config, items):
    missing = CHROMIUM is None or (shutil.which("chromedriver") is None)
    for item in items:
        needs_driver = "browser" in item.keywords
        needs_binary = "chromium" in item.keywords or needs_driver
        if not needs_binary:
            continue
        lacking = CHROMIUM is None or (needs_driver and missing)
        if not lacking:
            continue
        reason = "needs Chromium" + (" and chromedriver" if needs_driver else "") + " (apt-get install chromium chromium-driver)"
        if REQUIRED:
            item.fixturenames.insert(0, "_fail_missing_chromium")
        else:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def _fail_missing_chromium():
    pytest.fail("GAPLINE_REQUIRE_CHROMIUM=1 but Chromium is not installed")
