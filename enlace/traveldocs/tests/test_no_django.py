"""enlace.traveldocs.mrz is a pure library (the screening manifest, forms and the CLI use it):
it must import and work where Django cannot."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
MODULE = ROOT / "enlace" / "traveldocs" / "mrz.py"

SCRIPT = """
import sys
sys.modules["django"] = None  # any "import django..." now raises ImportError
from enlace.traveldocs import mrz
zone = mrz.parse("I<UTOD231458907<<<<<<<<<<<<<<<\\n7408122F1204159UTO<<<<<<<<<<<6\\n"
                 "ERIKSSON<<ANNA<MARIA<<<<<<<<<<")
assert zone.valid and zone.document_number == "D23145890", zone
assert mrz.compare_printed(zone, surname="Eriksson", document_number="D23145890") == []
assert not [name for name, module in sys.modules.items()
            if name.startswith("django") and module is not None]
print("ok")
"""


def test_reads_and_checks_with_django_unimportable():
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


def test_the_module_imports_no_django_and_no_app():
    text = MODULE.read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from|import)\s+django\b", text, re.MULTILINE)
    # core.identifiers is Django-free itself (matching/tests/test_no_django.py)
    apps = re.findall(r"^\s*(?:from|import)\s+enlace\.(\w+(?:\.\w+)*)", text, re.MULTILINE)
    assert set(apps) <= {"core.identifiers"}, apps
