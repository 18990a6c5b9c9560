"""Divergence settings files: the documented defaults, overrides, and wrong files."""

from __future__ import annotations

from pathlib import Path

import pytest

from divergence.config import KEYS, find_settings, load_settings, settings_from_mapping, settings_toml
from divergence.rules import Settings
from gapline.cli import main
from gapline.errors import ConfigError
from timeline._data import data_dir

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"


def write(tmp_path, text, name="settings.toml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_shipped_file_holds_the_defaults_and_every_key_is_documented():
    assert load_settings(data_dir() / "gapline.toml") == Settings()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for table, keys in KEYS.items():
        for name in keys:
            assert f"`{table}.{name}`" in readme


def test_written_settings_read_back_the_same():
    s = Settings(window_days=30, w_official=0.4, w_link=0.15, min_score=0.5, rules=("reversal.v1",))
    import tomllib

    assert settings_from_mapping(tomllib.loads(settings_toml(s))) == s


def test_a_partial_file_keeps_the_other_defaults(tmp_path):
    s = load_settings(write(tmp_path, "[windows]\nsay_vs_do = 30\n"))
    assert s.window_days == 30 and s._replace(window_days=120) == Settings()


@pytest.mark.parametrize(
    "text, message",
    [
        ('[windows]\nsay_vs_do = "ten"\n', "windows.say_vs_do must be a whole number of days"),
        ("[windows]\nsay_vs_do = 12.5\n", "windows.say_vs_do must be a whole number"),
        ("[windows]\nreversal = -3\n", "windows.reversal must be"),
        ("[weights]\nofficial = true\n", "weights.official must be a number"),
        ("[weights]\nofficial = 0.5\n", "the [weights] must sum to 1; they sum to 1.2"),
        ("[scoring]\nmin_scor = 0.2\n", "unknown key scoring.min_scor"),
        ("[rulez]\n", "unknown table [rulez]"),
        ('[rules]\nenabled = ["nope.v1"]\n', "unknown rule 'nope.v1'"),
        ("[rules]\nenabled = []\n", "rules.enabled is empty"),
        ("windows = 3\n", "windows must be a table"),
        ("[windows\n", "not valid TOML"),
    ],
)
def test_wrong_files_name_the_key(tmp_path, text, message):
    with pytest.raises(ConfigError, match=None) as err:
        load_settings(write(tmp_path, text))
    assert message in str(err.value)


def test_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="no such settings file"):
        load_settings(tmp_path / "absent.toml")


def test_a_gapline_toml_in_the_current_folder_is_used(tmp_path):
    assert find_settings(cwd=tmp_path).source == "built-in defaults"
    write(tmp_path, "[windows]\nsay_vs_say = 10\n", name="gapline.toml")
    loaded = find_settings(cwd=tmp_path)
    assert loaded.settings.say_window_days == 10 and loaded.source.endswith("gapline.toml")


def test_cli_explain_prints_the_settings_used(tmp_path, capsys):
    cfg = write(tmp_path, "[windows]\nsay_vs_do = 77\n")
    assert main(["divergences", str(DEMO), "--config", str(cfg), "--explain"]) == 0
    out = capsys.readouterr().out
    assert f"# settings from {cfg}" in out and "say_vs_do = 77" in out and "[say_vs_do]" in out


def test_cli_explain_keeps_jsonl_clean(tmp_path, capsys):
    assert main(["divergences", str(DEMO), "--explain", "--format", "jsonl"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("{") and "# settings from built-in defaults" in captured.err


def test_settings_change_what_is_flagged(tmp_path, capsys):
    only_reversals = write(tmp_path, '[rules]\nenabled = ["reversal.v1"]\n')
    assert main(["divergences", str(DEMO), "--config", str(only_reversals)]) == 0
    out = capsys.readouterr().out
    assert "[say_vs_do]" not in out and "[say_vs_say]" not in out
    strict = write(tmp_path, "[scoring]\nmin_score = 0.9\n", name="strict.toml")
    assert main(["divergences", str(DEMO), "--config", str(strict), "--format", "jsonl"]) == 0
    scores = [float(line.split('"score": ')[1].split(",")[0]) for line in capsys.readouterr().out.splitlines()]
    assert scores and min(scores) >= 0.9


def test_cli_bad_config_is_one_line_and_exit_1(tmp_path, capsys):
    bad = write(tmp_path, '[windows]\nsay_vs_do = "ten"\n')
    assert main(["divergences", str(DEMO), "--config", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "windows.say_vs_do" in err and "Traceback" not in err
