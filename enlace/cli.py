"""`enlace <noun> <verb> ...`: a thin wrapper over the management commands.

Examples: `enlace demo --seed 1`, `enlace token USERNAME`, `enlace audit verify`,
`enlace serve`, `enlace jobs worker`. Errors are one line on stderr with a non-zero exit status.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enlace.config.settings.dev")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        args = ["help", "--commands"] if not args else ["help", *args[1:]]
    execute_from_command_line(["enlace", *args])


if __name__ == "__main__":
    main()
