"""``warlog group show / split / join`` on a real SQLite file: the same store calls as the web
app's record view, audited under the reviewer's name, kept through ``extract --force``; a
missing event or database is one error line with exit 2."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from test_groups import A, B, event_id, groups_by_key, store_docs
from warlog.cli import app
from warlog.store.database import open_store

runner = CliRunner()


def _db(tmp_path: Path) -> Path:
    db = tmp_path / "cli-groups.db"
    with open_store(db) as st:
        store_docs(st, A, B)
        st.link_groups()
    return db


def test_show_split_and_join_from_the_command_line(tmp_path: Path) -> None:
    db = _db(tmp_path)
    with open_store(db) as st:
        a_base, b_base = event_id(st, "a_base"), event_id(st, "b_base")
        a_school = event_id(st, "a_school")
    shown = runner.invoke(app, ["group", "show", str(a_base), "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    assert "2 reports" in shown.output and f"#{b_base}" in shown.output

    out = runner.invoke(app, ["group", "split", str(b_base), "--db", str(db), "--user", "ana"])
    assert out.exit_code == 0, out.output
    assert "1 reports" in out.output
    joined = runner.invoke(app, ["group", "join", str(a_base), str(a_school), "--db", str(db),
                                 "--user", "ben"])
    assert joined.exit_code == 0, joined.output
    with open_store(db) as st:
        groups = groups_by_key(st)
        audit = [(e["user"], e["action"], e["field"]) for e in st.audit_log()]
    assert frozenset({"b_base"}) in groups
    assert frozenset({"a_base", "a_school", "b_school"}) in groups
    assert ("ana", "split", "group") in audit and ("ben", "join", "group") in audit

    with open_store(db) as st:  # `warlog extract --force`: new rows, the edits stay
        store_docs(st, A, B, force=True)
        st.link_groups()
        groups = groups_by_key(st)
    assert frozenset({"b_base"}) in groups
    assert frozenset({"a_base", "a_school", "b_school"}) in groups


def test_errors_are_one_line_with_exit_2(tmp_path: Path) -> None:
    db = _db(tmp_path)
    for args in (["split", "999999"], ["join", "1", "999999"], ["join", "1", "1"],
                 ["show", "999999"]):
        res = runner.invoke(app, ["group", *args, "--db", str(db)])
        assert res.exit_code == 2, (args, res.output)
        assert "error" in res.output and "Traceback" not in res.output
    res = runner.invoke(app, ["group", "show", "1", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 2 and "no such database" in res.output
