"""The public surface of each package is deliberate: a rename or addition updates this test."""

import dashboard
import divergence
import gapline.errors
import timeline


def test_exported_members():
    assert sorted(timeline.__all__) == [
        "actor_timelines", "add_documents", "bloc_timelines", "extract_events", "load_documents", "load_registry",
        "read_articles", "tag_dates",
    ]
    assert sorted(divergence.__all__) == ["Case", "RULES", "Settings", "build_case", "find_flags", "flags_from_propositions",
                                         "names_as_codes"]
    assert sorted(dashboard.__all__) == sorted(
        ["create_app", "serve", "timeline_figure", "export_figure", "export_case", "render_report", "write_report"]
    )
    assert gapline.errors.__all__ == ["GaplineError", "InputError", "SchemaError", "ConfigError", "RuleError"]
    for module in (timeline, divergence, dashboard):
        for name in module.__all__:
            assert hasattr(module, name), (module.__name__, name)


def test_imports_flow_one_way():
    import ast
    from pathlib import Path

    order = {"timeline": 0, "divergence": 1, "dashboard": 2, "gapline": 3}
    root = Path(__file__).resolve().parents[2]
    for pkg in ("timeline", "divergence", "dashboard"):
        for f in (root / pkg).rglob("*.py"):
            for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    top = node.module.split(".")[0]
                    allowed = top not in order or order[top] <= order[pkg] or node.module == "gapline.errors"
                    assert allowed, f"{f.name} imports {node.module}"


def test_lexicon_entries_are_all_text():
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parents[2] / "data"

    def walk(x, where):
        if isinstance(x, dict):
            for k, v in x.items():
                walk(v, f"{where}.{k}")
        elif isinstance(x, list):
            for v in x:
                assert isinstance(v, (str, dict, list)), f"{where} holds {v!r}: quote it in the YAML"
                walk(v, where)

    for f in (root / "lexicons").glob("*.yaml"):
        walk(yaml.safe_load(f.read_text(encoding="utf-8")), f.name)


def test_every_rule_and_setting_is_documented():
    from pathlib import Path

    from divergence.rules import RULES, Settings

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for name in RULES:
        assert f"`{name}`" in readme, f"rule {name} is not in the README"
    for field in Settings._fields:
        assert f"`{field}`" in readme, f"setting {field} is not in the README"
