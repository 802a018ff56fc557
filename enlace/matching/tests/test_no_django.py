"""The matching engine is a pure library: it must import and work where Django cannot, and
so must core.identifiers, which it uses."""

import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
ROOT = PACKAGE.parents[1]

SCRIPT = """
import sys
sys.modules["django"] = None  # any "import django..." now raises ImportError
from enlace.matching import Identity, WatchlistIndex
index = WatchlistIndex.build([Identity("W1", "José", "Pérez López")])
[match] = index.search(Identity("T1", "JOSE", "PEREZ"))
assert match.watchlist_id == "W1", match
from enlace.core import identifiers
assert identifiers.split_document("mx:g-123") == ("MX", "G123")
assert identifiers.phone_e164("2222 3333", "CR") == "+50622223333"
assert not [name for name, module in sys.modules.items()
            if name.startswith("django") and module is not None]
print("ok")
"""


def test_imports_and_searches_with_django_unimportable():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


DJANGO_IMPORT = re.compile(r"^\s*(from|import)\s+django\b", re.MULTILINE)


def test_no_source_file_imports_django():
    sources = [path for path in PACKAGE.rglob("*.py") if "tests" not in path.parts]
    assert len(sources) >= 7
    sources.append(ROOT / "enlace" / "core" / "identifiers.py")  # the matcher imports it
    for path in sources:
        assert not DJANGO_IMPORT.search(path.read_text(encoding="utf-8")), path
    assert DJANGO_IMPORT.search("x = 1\nfrom django.db import models\n")  # the check bites
