"""The shape docs/architecture.md describes, checked: the store is the only code that
speaks SQL, and the top of the package stays small (stage packages hold the rest)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "pressflow"
MAX_TOP_LEVEL_MODULES = 14

# statements, written the way this code base writes SQL (upper-case keywords)
SQL = re.compile(r"\b(SELECT\s.+?\sFROM|SELECT\s+(count|DISTINCT)\b|INSERT\s+(OR\s+\w+\s+)?INTO|"
                 r"UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX|UNIQUE)|DROP\s+TABLE|"
                 r"ALTER\s+TABLE|ROLLBACK|BEGIN(\s+IMMEDIATE|\s+TRANSACTION)?\b|PRAGMA\s)", re.S)
# calls that hand SQL to a connection, and the store's connection itself
DB_ATTRIBUTES = {"execute", "executemany", "executescript", "db"}


def sql_outside_the_store(root: Path = PACKAGE) -> list[str]:
    """``file:line: what`` for each SQL string or database call outside pressflow/store/."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if root / "store" in path.parents:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        where = path.relative_to(root.parent)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                match = SQL.search(node.value)
                if match:
                    found.append(f"{where}:{node.lineno}: SQL {match.group(0)[:40]!r}")
            elif isinstance(node, ast.Attribute) and node.attr in DB_ATTRIBUTES:
                found.append(f"{where}:{node.lineno}: .{node.attr}")
    return found


def top_level_modules(root: Path = PACKAGE) -> list[str]:
    return sorted(p.name for p in root.glob("*.py") if p.name not in ("__init__.py", "__main__.py"))


def test_no_sql_outside_the_store() -> None:
    assert sql_outside_the_store() == []


def test_the_check_finds_sql_and_database_calls(tmp_path: Path) -> None:
    """The check itself: what the stages did before the store took their SQL."""
    stage = tmp_path / "pressflow" / "stories"
    stage.mkdir(parents=True)
    (tmp_path / "pressflow" / "store").mkdir()
    (tmp_path / "pressflow" / "store" / "q.py").write_text('SQL = "SELECT id FROM articles"\n')
    (stage / "stage.py").write_text(
        "def f(store, ids):\n"
        "    store.db.execute(f\"SELECT df FROM story_terms WHERE anchor IN ({ids})\")\n"
        "    store.db['stories'].update(1, {})\n"
        "    store.conn.execute('ROLLBACK')\n"
        "    return 'Select a story to review: the update of its title'\n")
    found = sql_outside_the_store(tmp_path / "pressflow")
    assert sorted(f.split(": ", 1)[1] for f in found) == sorted([
        ".execute", ".db", "SQL 'SELECT df FROM'",  # line 2
        ".db",  # line 3
        ".execute", "SQL 'ROLLBACK'",  # line 4
    ]), found
    assert {f.split(":")[1] for f in found} == {"2", "3", "4"}, "the prose on line 5 is no SQL"
    assert not any("q.py" in f for f in found), "the store may speak SQL"


def test_at_most_fourteen_modules_at_the_top_of_the_package() -> None:
    modules = top_level_modules()
    assert len(modules) <= MAX_TOP_LEVEL_MODULES, modules
