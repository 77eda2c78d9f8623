"""The Python binding: rule sets, decisions, batches and errors (run by ctest)."""
import json
import os
import pathlib
import subprocess
import threading

import pytest

import kader

SOURCE = pathlib.Path(os.environ.get("KADER_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
CASES = SOURCE / "examples" / "cases"


def case(name):
    return json.loads((CASES / name).read_text())


@pytest.fixture(scope="module")
def rules():
    return kader.RuleSet.standard()


def test_version_is_the_one_of_the_command_line():
    out = subprocess.run([str(SOURCE / "build" / "kader"), "--version"], capture_output=True, text=True)
    if out.returncode == 0:  # the test runs against the build next to the sources
        assert out.stdout.strip() == "kader " + kader.__version__
    assert kader.version() == kader.__version__
    assert kader.__version__.count(".") == 2


def test_a_decision_from_a_dict(rules):
    d = rules.evaluate(case("chips-ru-defence-via-hk-2022-11.json"))
    assert d.verdict == "prohibited"
    assert d.case_id == "EX-02"
    assert d.as_of == "2022-11-15"
    assert not d.incomplete
    assert d.goals == {
        "end_use": "deny",
        "strategic_dependency": "allow",
        "tech_leadership": "allow",
        "sanctions": "prohibited",
        "control_list": "allow",
    }
    assert "sanctions.russia.annex_vii_electronic_components" in d.applied_rules
    deciding = [a for a in d.applied if a["rule"] == "sanctions.russia.annex_vii_electronic_components"]
    assert deciding[0]["verdict"] == "prohibited"
    assert deciding[0]["basis"].startswith("Reg. (EU) 833/2014 Art. 2a(1)")
    assert deciding[0]["overridden"] is False
    assert repr(d) == "<kader.Decision EX-02: prohibited>"


def test_json_text_and_dict_give_the_same_decision_as_the_command_line(rules):
    path = CASES / "encryption-ru-2022.json"
    from_text = rules.evaluate(path.read_text())
    from_dict = rules.evaluate(json.loads(path.read_text()))
    assert from_text.to_json() == from_dict.to_json()
    cli = subprocess.run([str(SOURCE / "build" / "kader"), "eval", str(path), "--format", "json"],
                         capture_output=True, text=True)
    if cli.returncode == 0:
        assert from_text.to_json() + "\n" == cli.stdout
    assert json.loads(from_text.to_json())["verdict"] == from_text.verdict


def test_missing_facts_are_questions(rules):
    d = rules.evaluate(case("encryption-ru-2022.json"))
    assert d.incomplete
    paths = [m["path"] for m in d.missing]
    assert "contract_date" in paths
    fact = d.missing[paths.index("contract_date")]
    assert fact["question"].endswith("?")
    assert fact["could_lower_to"] is not None or fact["could_raise_to"] is not None


def test_as_of_and_explain(rules):
    c = case("chips-ru-defence-via-hk-2022-09.json")
    assert rules.evaluate(c).verdict == "deny"
    assert rules.evaluate(c, as_of="2022-10-07").verdict == "prohibited"
    full = rules.evaluate(c, explain="full")
    assert "not_applied" in json.loads(full.to_json())
    # "rules": the same rules and messages, without the reason trees.
    brief = json.loads(rules.evaluate(c).to_json())
    short = json.loads(rules.evaluate(c, explain="rules").to_json())
    assert short["verdict"] == brief["verdict"] == "deny"
    assert all("reason" not in a for a in short["applied"])
    for a, b in zip(short["applied"], brief["applied"]):
        del b["reason"]
        # Without a reason, every set the condition can read is one to review.
        named = {s["set"] for s in b.pop("set_reviews", [])}
        assert named <= {s["set"] for s in a.pop("set_reviews", [])}
    assert short == brief
    with pytest.raises(kader.Error) as e:
        rules.evaluate(c, as_of="2022-02-30")
    assert e.value.diagnostics[0]["code"] == "K0906"
    with pytest.raises(kader.Error):
        rules.evaluate(c, explain="long")


def test_text_and_html_for_notebooks(rules):
    d = rules.evaluate(case("chips-ru-defence-via-hk-2022-11.json"))
    assert d.to_text().startswith("PROHIBITED — Reg. (EU) 833/2014")
    html = d._repr_html_()
    assert html.startswith('<div class="kader-decision"><pre')
    assert "&quot;RU&quot;" in html and '"RU"' not in html


def test_a_bad_case_raises_with_its_diagnostics(rules):
    bad = case("chips-ru-defence-via-hk-2022-11.json")
    bad["destination"] = "XX"
    with pytest.raises(kader.Error) as e:
        rules.evaluate(bad)
    d = e.value.diagnostics[0]
    assert d["code"] == "K0704"
    assert d["severity"] == "error"
    assert "destination" in d["message"]
    assert "K0704" in str(e.value)
    with pytest.raises(kader.Error) as syntax:
        rules.evaluate('{"id": ')
    assert syntax.value.diagnostics[0]["code"] == "K0107"
    assert syntax.value.diagnostics[0]["line"] == 1
    with pytest.raises(kader.Error):
        rules.evaluate({"value": float("nan")})
    with pytest.raises(TypeError):
        rules.evaluate(42)


def test_rule_sets_from_files_and_strings(tmp_path):
    rule = (
        "module t\n\nschema case {\n  date: date\n  destination: country\n}\n\n"
        'rule r\n  goal end_use\n  basis "Art. 1"\n  when case.destination == "RU"\n'
        '  then deny "to Russia"\n'
    )
    (tmp_path / "t.kader").write_text(rule)
    loaded = kader.RuleSet.load(tmp_path, stdlib=False)
    given = kader.RuleSet.from_strings({"t.kader": rule}, stdlib=False)
    assert loaded.fingerprint == given.fingerprint
    assert loaded.modules == ["t"]
    d = loaded.evaluate({"date": "2024-01-01", "destination": "RU"})
    assert d.verdict == "deny" and d.applied_rules == ["t.r"]
    (tmp_path / "broken.kader").write_text("module broken\n\nrule x\n  goal nowhere\n")
    with pytest.raises(kader.Error) as e:
        kader.RuleSet.load([tmp_path], stdlib=False)
    codes = {d["code"] for d in e.value.diagnostics}
    assert "K0209" in codes
    located = [d for d in e.value.diagnostics if d["code"] == "K0209"][0]
    assert located["input"].endswith("broken.kader") and located["line"] == 4
    with pytest.raises(kader.Error):
        kader.RuleSet.load([tmp_path / "none"])


def test_batch_keeps_input_order_and_matches_evaluate(rules):
    cases = [json.loads(p.read_text()) for p in sorted(CASES.glob("*.json"))]
    one = [rules.evaluate(c).to_json() for c in cases]
    for jobs in (1, 2, 4):
        got = rules.batch(cases, jobs=jobs)
        assert [d.to_json() for d in got] == one
    bad = list(cases)
    bad.insert(3, {"id": 1})
    with pytest.raises(kader.Error) as e:
        rules.batch(bad, jobs=2)
    assert str(e.value).startswith("case 3: ")
    mixed = rules.batch(bad, jobs=2, errors="return")
    assert isinstance(mixed[3], kader.Error) and mixed[3].diagnostics
    assert [d.to_json() for i, d in enumerate(mixed) if i != 3] == one
    with pytest.raises(kader.Error):
        rules.batch(cases, jobs=0)
    with pytest.raises(ValueError):
        rules.batch(cases, errors="ignore")


def test_threads_share_one_rule_set(rules):
    c = case("duv-cn-2023-09.json")
    expected = rules.evaluate(c).to_json()
    seen = []

    def work():
        for _ in range(20):
            seen.append(rules.evaluate(c).to_json())

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == [expected] * 80
