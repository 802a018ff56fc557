"""Encryption at rest for persons' identities (docs/architecture.md §3.6).

- AES-256-GCM from `cryptography`; each value is bound to its column by the associated data
  (`app.model.field`), so a ciphertext copied into another column does not decrypt.
- Keys come from ENLACE_KEYS ("id:base64key,id:base64key", the first encrypts, all decrypt)
  or from the file named by ENLACE_KEY_FILE (one "id:base64key" per line). Development and
  demo runs get a key file in var/ created on first use. Rotation: put the new key first,
  run `enlace keys reencrypt`, then drop the old key.
- Exact search on identifiers uses a keyed blind index: HMAC-SHA256 under a separate key
  (ENLACE_INDEX_KEY or the `index` line of the key file), over a normalised value, so equal
  document numbers or phones can be found without decrypting and without exposing them.

- The audit trail is keyed: every event and the chain head carry an HMAC-SHA256 under an
  audit key (ENLACE_AUDIT_KEYS "id:base64key,...", or key-file lines whose id starts with
  "audit"; the first signs, all verify), so whoever can write to the database but does not
  hold the key cannot rewrite history and recompute the chain. Rotation: put a new audit key
  first; events keep the id of the key that signed them, so keep old audit keys listed.

Ciphertext format: "e1:<key id>:<base64(nonce || ciphertext+tag)>".
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from enlace.core import identifiers

PREFIX = "e1"


class DecryptionError(Exception):
    """The value was altered, moved to another column, or its key is not configured."""


AUDIT_KEY_PREFIX = "audit"


@dataclass(frozen=True)
class KeyRing:
    keys: dict[str, bytes]  # key id -> 32-byte key, in priority order (first = active)
    index_key: bytes
    audit_keys: dict[str, bytes] = field(default_factory=dict)  # first signs

    @property
    def active_id(self) -> str:
        return next(iter(self.keys))


def _decode_key(key_id: str, encoded: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(encoded.strip() + "=" * (-len(encoded.strip()) % 4))
    except ValueError as exc:
        raise ImproperlyConfigured(f"encryption key {key_id!r} is not base64") from exc
    if len(key) != 32:
        raise ImproperlyConfigured(f"encryption key {key_id!r} must be 32 bytes (AES-256)")
    return key


def _parse(entries: list[str]) -> dict[str, bytes]:
    keys: dict[str, bytes] = {}
    for entry in entries:
        if not entry.strip() or entry.strip().startswith("#"):
            continue
        key_id, _, encoded = entry.strip().partition(":")
        if not key_id or not encoded:
            raise ImproperlyConfigured("encryption keys are written as id:base64key")
        keys[key_id] = _decode_key(key_id, encoded)
    return keys


def new_key_line(key_id: str) -> str:
    return f"{key_id}:{base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()}"


def _development_key_file() -> Path:
    path = Path(settings.VAR_DIR) / "keys"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(new_key_line("k1") + "\n" + new_key_line("index") + "\n")
        path.chmod(0o600)
    if not any(line.startswith(AUDIT_KEY_PREFIX) for line in path.read_text().splitlines()):
        with path.open("a") as handle:  # a key file made before the audit trail was keyed
            handle.write(new_key_line(f"{AUDIT_KEY_PREFIX}1") + "\n")
    return path


@lru_cache(maxsize=1)
def keyring() -> KeyRing:
    env_keys = settings.ENLACE_KEYS
    key_file = settings.ENLACE_KEY_FILE
    if env_keys:
        keys = _parse(env_keys.split(","))
    else:
        if key_file:
            path = Path(key_file)
        elif getattr(settings, "ENLACE_ALLOW_GENERATED_KEYS", True):
            path = _development_key_file()
        else:
            raise ImproperlyConfigured("set ENLACE_KEYS or ENLACE_KEY_FILE")
        keys = _parse(path.read_text().splitlines())
    index_key = keys.pop("index", None)
    audit_keys = {
        key_id: keys.pop(key_id) for key_id in list(keys) if key_id.startswith(AUDIT_KEY_PREFIX)
    }
    if getattr(settings, "ENLACE_AUDIT_KEYS", ""):
        audit_keys = _parse(settings.ENLACE_AUDIT_KEYS.split(","))
    if settings.ENLACE_INDEX_KEY:
        index_key = _decode_key("index", settings.ENLACE_INDEX_KEY)
    if not keys:
        raise ImproperlyConfigured("no encryption key configured")
    if index_key is None:
        raise ImproperlyConfigured(
            "no blind-index key configured (ENLACE_INDEX_KEY or an 'index:' line)"
        )
    return KeyRing(keys=keys, index_key=index_key, audit_keys=audit_keys)


def encrypt(plaintext: str, *, context: str) -> str:
    ring = keyring()
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(ring.keys[ring.active_id]).encrypt(nonce, plaintext.encode(), context.encode())
    return f"{PREFIX}:{ring.active_id}:{base64.b64encode(nonce + sealed).decode()}"


def is_encrypted(value: str) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX + ":")


def key_id_of(token: str) -> str:
    return token.split(":", 2)[1]


def decrypt(token: str, *, context: str) -> str:
    try:
        prefix, key_id, payload = token.split(":", 2)
        raw = base64.b64decode(payload, validate=True)
    except ValueError as exc:
        raise DecryptionError("not an encrypted value") from exc
    key = keyring().keys.get(key_id)
    if prefix != PREFIX or key is None:
        raise DecryptionError(f"no key {key_id!r} to decrypt this value")
    try:
        return AESGCM(key).decrypt(raw[:12], raw[12:], context.encode()).decode()
    except InvalidTag as exc:
        raise DecryptionError("the value was altered or belongs to another field") from exc


def encrypt_bytes(data: bytes, *, context: str) -> bytes:
    """Binary counterpart of `encrypt`, for files: b"e1:<key id>:" + nonce + ciphertext+tag."""
    ring = keyring()
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(ring.keys[ring.active_id]).encrypt(nonce, data, context.encode())
    return f"{PREFIX}:{ring.active_id}:".encode() + nonce + sealed


def decrypt_bytes(blob: bytes, *, context: str) -> bytes:
    try:
        prefix, key_id, payload = blob.split(b":", 2)
        key = keyring().keys.get(key_id.decode())
    except (ValueError, UnicodeDecodeError) as exc:
        raise DecryptionError("not an encrypted file") from exc
    if prefix.decode(errors="replace") != PREFIX or key is None:
        raise DecryptionError("no key to decrypt this file")
    try:
        return AESGCM(key).decrypt(payload[:12], payload[12:], context.encode())
    except InvalidTag as exc:
        raise DecryptionError("the file was altered or belongs to another use") from exc


def audit_mac(message: str) -> str:
    """ "<key id>:<HMAC-SHA256 hex>" of `message` under the active audit key."""
    audit_keys = keyring().audit_keys
    if not audit_keys:
        raise ImproperlyConfigured(
            "no audit key configured (ENLACE_AUDIT_KEYS, or an 'audit1:' line in the key "
            "file; `enlace keys new audit1` prints one)"
        )
    key_id, key = next(iter(audit_keys.items()))
    return f"{key_id}:{hmac.new(key, message.encode(), hashlib.sha256).hexdigest()}"


def audit_mac_check(message: str, mac: str) -> str:
    """ "" when `mac` is the audit MAC of `message`, else why not (translated by callers)."""
    key_id, _, digest = (mac or "").partition(":")
    if not digest:
        return "unsigned"
    key = keyring().audit_keys.get(key_id)
    if key is None:
        return f"signed with audit key {key_id!r}, which is not configured"
    expected = hmac.new(key, message.encode(), hashlib.sha256).hexdigest()
    return "" if hmac.compare_digest(expected, digest) else "signature does not match"


def keyed_digest(message: str, *, purpose: str) -> str:
    """HMAC-SHA256 of `message` under the blind-index key, bound to `purpose`."""
    payload = f"{purpose}\x00{message}".encode()
    return hmac.new(keyring().index_key, payload, hashlib.sha256).hexdigest()


def blind_index(value: str, *, purpose: str) -> str:
    """Keyed, deterministic digest of an identifier (for exact search only), over its letters
    and digits upper-cased: the canonical form of document numbers (core.identifiers), the
    digits of an E.164 phone."""
    return keyed_digest(identifiers.document_number(value), purpose=purpose)


def document_index(number: str) -> str:
    """The blind index of a document number. The issuing state is left out: searches (and
    the officer at the counter) often have the number alone."""
    return blind_index(number, purpose="document")


def phone_index(number: str) -> str:
    """The blind index of a phone number in E.164."""
    return blind_index(number, purpose="phone")
