"""`enlace <noun> <verb> ...`: a thin wrapper over the management commands.

Examples: `enlace demo --seed 1`, `enlace token USERNAME`, `enlace audit verify`,
`enlace serve`, `enlace jobs worker`. Errors are one line on stderr with a non-zero exit status.
"""

from __future__ import annotations

import os
import sys

# Verbs that use no database and no other app start with only their own app loaded: Django's
# whole start-up (every app, the admin, DRF) takes ~0.8 s of CPU, a sixth of the time
# `enlace mrz check` has for a million zones (issue 15). Their messages still come from
# the one catalogue (LOCALE_PATHS).
LIGHT_COMMANDS = {"mrz": ("enlace.traveldocs",)}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enlace.config.settings.dev")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in LIGHT_COMMANDS:
        from django.conf import settings

        settings.INSTALLED_APPS = list(LIGHT_COMMANDS[args[0]])
    if not args or args[0] in {"-h", "--help", "help"}:
        args = ["help", "--commands"] if not args else ["help", *args[1:]]
    execute_from_command_line(["enlace", *args])


if __name__ == "__main__":
    main()
