"""The real app in headless Chromium: the graph draws, a flag row and a marker show their evidence."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains

from dashboard.app import create_app
from dashboard.figures import timeline_figure


def _frames():
    path = Path(__file__).parents[1] / "unit" / "dashboard_frames.py"
    spec = importlib.util.spec_from_file_location("gapline_browser_dashboard_frames", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


frames = _frames()


def _start(dash_duo):
    case = frames.make_case()
    dash_duo.start_server(create_app(case, title="Border watch"))
    dash_duo.wait_for_element("#timeline-graph .scatterlayer .trace", timeout=15)
    return case


@pytest.mark.browser
def test_flag_row_shows_both_sides(dash_duo):
    _start(dash_duo)
    dash_duo.wait_for_text_to_equal("h1", "Border watch")
    assert dash_duo.find_element("#counts").text.startswith("2 documents · 4 actors · 5 events · 2 flags")
    lanes = [t.text for t in dash_duo.find_elements("#timeline-graph .yaxislayer-above .ytick text")]
    assert "IRAQ" in lanes and "Iraqi Ministry of Defence" in lanes and "Northern Brigades" in lanes

    first_row = dash_duo.find_elements('#flag-table td[data-dash-column="explanation"]')[0]
    assert first_row.text == frames.FLAG_EXPLANATION
    first_row.click()
    dash_duo.wait_for_contains_text("#evidence", frames.MOVE_SENTENCE, timeout=10)
    evidence = dash_duo.find_element("#evidence").text
    assert frames.DENIAL_QUOTE in evidence
    assert "Official side" in evidence and "Other side" in evidence
    marked = [m.text for m in dash_duo.find_elements("#evidence mark")]
    assert marked == [frames.DENIAL_QUOTE]
    dash_duo.wait_for_element("#timeline-graph .legend .traces", timeout=5)
    legend = [t.text for t in dash_duo.find_elements("#timeline-graph .legend .legendtext")]
    assert "selected" in legend
    assert dash_duo.get_logs() == []


@pytest.mark.browser
def test_clicking_a_marker_shows_its_evidence(dash_duo):
    case = _start(dash_duo)
    fig = timeline_figure(case.events, flags=case.flags)
    index = [t.name for t in fig.data].index("claim")
    point = dash_duo.find_element(f"#timeline-graph .scatterlayer .trace:nth-child({index + 1}) .points path")
    ActionChains(dash_duo.driver).move_to_element(point).click().perform()
    dash_duo.wait_for_contains_text("#evidence", frames.CLAIM_QUOTE, timeout=10)
    evidence = dash_duo.find_element("#evidence").text
    assert "Ruritanian Foreign Ministry" in evidence
    assert "Convoys seen near the border" in evidence
    assert dash_duo.get_logs() == []


@pytest.mark.browser
def test_dismissing_a_flag_in_the_page_is_kept_in_the_store(dash_duo, tmp_path):
    from divergence.review import load_reviews
    from timeline.store import connect

    store = tmp_path / "case.db"
    with connect(store):
        pass
    case = frames.make_case()
    dash_duo.start_server(create_app(case, title="Border watch", store=store))
    dash_duo.wait_for_element("#timeline-graph .scatterlayer .trace", timeout=15)
    dash_duo.find_element("#review-dismiss").click()
    dash_duo.wait_for_text_to_equal("#review-message", "Select a flag in the list first.", timeout=5)
    dash_duo.find_elements('#flag-table td[data-dash-column="explanation"]')[0].click()
    dash_duo.wait_for_contains_text("#evidence", frames.MOVE_SENTENCE, timeout=10)
    dash_duo.find_element("#review-note").send_keys("same convoy reported twice")
    dash_duo.find_element("#review-dismiss").click()
    dash_duo.wait_for_contains_text("#review-message", "dismissed", timeout=10)
    dash_duo.wait_for_text_to_equal('#flag-table td[data-dash-column="status"]', "dismissed", timeout=10)
    dash_duo.wait_for_contains_text("#evidence", "Note: same convoy reported twice", timeout=10)
    log = load_reviews(store)
    assert log["action"].to_list() == ["dismiss"] and log["note"].to_list() == ["same convoy reported twice"]
    assert dash_duo.get_logs() == []
