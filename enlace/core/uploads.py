"""Uploaded files waiting for a background job (case imports, manifests, watchlist imports).

They hold victims' and travellers' identities, so they are sealed at rest like the database
columns that will hold them (AES-GCM, enlace.core.crypto): `save_upload` encrypts while
saving, the job reads the plaintext into memory only (`read_upload`, through
`core.importing.read_rows`) and deletes the file when it ends. A sealed file is named
`<random>.<format>.sealed`.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings

from . import crypto

SEALED_SUFFIX = ".sealed"
_CONTEXT = "enlace.upload"


def upload_folder() -> Path:
    folder = Path(settings.VAR_DIR) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_upload(upload) -> tuple[Path, str]:
    """Seal an uploaded file (a Django UploadedFile) into the upload folder; return its path
    and its format (the name's extension, lower case)."""
    suffix = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    path = upload_folder() / f"{secrets.token_hex(16)}.{suffix}{SEALED_SUFFIX}"
    data = b"".join(upload.chunks())
    path.write_bytes(crypto.encrypt_bytes(data, context=_CONTEXT))
    path.chmod(0o600)
    return path, suffix


def is_sealed(path: Path) -> bool:
    return path.suffix == SEALED_SUFFIX


def read_upload(path: Path) -> bytes:
    """The plaintext of a sealed upload (raises crypto.DecryptionError if it was altered)."""
    return crypto.decrypt_bytes(path.read_bytes(), context=_CONTEXT)
