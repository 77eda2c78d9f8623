"""examples/dask/screen.py on a LocalCluster of worker processes gives what
`kader batch` gives on the same input (run by ctest as dask_screening)."""
import glob
import json
import os
import pathlib
import subprocess
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import screen  # noqa: E402

distributed = pytest.importorskip("distributed")
SOURCE = pathlib.Path(os.environ.get("KADER_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
KADER = os.environ.get("KADER_BINARY", str(SOURCE / "build" / "kader"))


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=3, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def cases_file(tmp_path, copies=40, extra=()):
    lines = [json.dumps(json.loads(p.read_text()))
             for p in sorted((SOURCE / "examples" / "cases").glob("*.json"))]
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(lines * copies + list(extra)) + "\n")
    return path


def written(out_dir):
    parts = sorted(glob.glob(os.path.join(out_dir, "part-*.jsonl")))
    return parts, [line for p in parts for line in pathlib.Path(p).read_text().splitlines()]


def test_the_cluster_decides_as_kader_batch_does(client, tmp_path):
    cases = cases_file(tmp_path)
    files = screen.screen(str(cases), str(tmp_path / "out"), client, blocksize="64KiB")
    parts, lines = written(tmp_path / "out")
    assert len(files) == len(parts) > 3  # partitioned, one file per partition
    batch = subprocess.run([KADER, "batch", str(cases), "-j", "2"], capture_output=True, text=True,
                           check=True)
    assert lines == batch.stdout.splitlines()
    # Each worker process loaded the rule set once, and more than one worker decided.
    loads = client.run(lambda: len(screen._RULES))
    assert sum(1 for n in loads.values() if n == 1) >= 2


def test_a_bad_line_becomes_an_error_object_in_its_place(client, tmp_path):
    cases = cases_file(tmp_path, copies=1, extra=['{"id": 1}'])
    screen.screen(str(cases), str(tmp_path / "out"), client, as_of="2024-01-01")
    _, lines = written(tmp_path / "out")
    last = json.loads(lines[-1])
    assert last["code"] == "K0703"
    assert "id" in last["error"]
    assert all(json.loads(line)["as_of"] == "2024-01-01" for line in lines[:-1])


def test_the_command_line_refuses_bad_rules(tmp_path):
    cases = cases_file(tmp_path, copies=1)
    code = screen.main([str(cases), str(tmp_path / "out"), "--workers", "1", "--rules",
                        str(tmp_path / "none")])
    assert code == 2
