"""Encryption at rest of backups: AES-256-GCM in chunks, so a dump of any size streams through in bounded memory.

The key is 32 random bytes, urlsafe-base64 in BACKUP_ENCRYPTION_KEY (`manage.py backup --generate-key`). A file:

    MAGIC | key id (8 bytes) | nonce prefix (8 random bytes) | chunk...
    chunk = length of the ciphertext (4 bytes, big-endian) | AES-GCM(ciphertext + 16-byte tag)

Chunk i is sealed with nonce = prefix + i (4 bytes) and, as associated data, the header and (i, last?). A chunk
taken out, repeated, moved or cut off fails its tag, and a file that ends before a chunk marked last is refused,
so a restore never reads a shortened dump as complete. The key id (a keyed hash of the key, never the key) lets a
restore say "wrong key" before it decrypts anything.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import os
import struct
from collections.abc import Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"DTBACKUP-AESGCM-1\n"
CHUNK_SIZE = 1 << 20  # 1 MiB of plaintext per chunk
_LENGTH = struct.Struct(">I")
_TAG = 16


class BackupKeyError(Exception):
    """The key is missing, malformed or not the one the backup was made with; or the file is damaged."""


def key_generate() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def key_parse(value: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(value.strip().encode())
    except (ValueError, TypeError) as error:
        raise BackupKeyError("BACKUP_ENCRYPTION_KEY is not urlsafe base64.") from error
    if len(key) != 32:
        raise BackupKeyError(
            "BACKUP_ENCRYPTION_KEY must be 32 bytes in urlsafe base64 "
            "(make one with `manage.py backup --generate-key`)."
        )
    return key


def key_id(key: bytes) -> str:
    """A fingerprint of the key for the manifest and the file header (a keyed hash: it does not reveal the key)."""
    return hmac.new(key, b"drakentemmers backup key id", hashlib.sha256).hexdigest()[:16]


def _aad(header: bytes, index: int, last: bool) -> bytes:
    return header + struct.pack(">Q?", index, last)


class EncryptingWriter(io.RawIOBase):
    """A writable file object: what is written goes to `target` encrypted. close() seals the last chunk."""

    def __init__(self, target: BinaryIO, key: bytes, *, chunk_size: int = CHUNK_SIZE) -> None:
        super().__init__()
        self._target, self._aes, self._chunk_size = target, AESGCM(key), chunk_size
        self._prefix = os.urandom(8)
        self._header = MAGIC + bytes.fromhex(key_id(key)) + self._prefix
        self._target.write(self._header)
        self._buffer = bytearray()
        self._index = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._buffer += data
        while len(self._buffer) > self._chunk_size:  # keep at least one byte back: the last chunk is sealed as last
            self._seal(bytes(self._buffer[: self._chunk_size]), last=False)
            del self._buffer[: self._chunk_size]
        return len(data)

    def _seal(self, plain: bytes, *, last: bool) -> None:
        nonce = self._prefix + struct.pack(">I", self._index)
        sealed = self._aes.encrypt(nonce, plain, _aad(self._header, self._index, last))
        self._target.write(_LENGTH.pack(len(sealed)) + sealed)
        self._index += 1

    def close(self) -> None:
        if not self.closed:
            self._seal(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._target.flush()
        super().close()


def header_key_id(source: BinaryIO) -> str:
    header = source.read(len(MAGIC) + 16)
    if not header.startswith(MAGIC) or len(header) != len(MAGIC) + 16:
        raise BackupKeyError("This file is not an encrypted Drakentemmers backup (or it is damaged).")
    return header[len(MAGIC) : len(MAGIC) + 8].hex()


def decrypt_chunks(source: BinaryIO, key: bytes) -> Iterator[bytes]:
    """The plaintext of an encrypted file, chunk by chunk; raises BackupKeyError on a wrong key or any damage."""
    found = header_key_id(source)
    if found != key_id(key):
        raise BackupKeyError(
            f"Wrong key: this backup was encrypted with the key whose id is {found}; "
            f"BACKUP_ENCRYPTION_KEY has id {key_id(key)}."
        )
    source.seek(0)
    header = source.read(len(MAGIC) + 16)
    prefix, aes, index = header[-8:], AESGCM(key), 0
    while True:
        length = source.read(_LENGTH.size)
        if len(length) < _LENGTH.size:
            raise BackupKeyError("The encrypted file ends too early: it was cut off or damaged.")
        (size,) = _LENGTH.unpack(length)
        sealed = source.read(size)
        if size < _TAG or len(sealed) != size:
            raise BackupKeyError("The encrypted file ends too early: it was cut off or damaged.")
        nonce = prefix + struct.pack(">I", index)
        for last in (False, True):
            try:
                plain = aes.decrypt(nonce, sealed, _aad(header, index, last))
                break
            except InvalidTag:
                continue
        else:
            raise BackupKeyError(f"Chunk {index} of the encrypted file fails its integrity check: it was altered.")
        yield plain
        index += 1
        if last:
            if source.read(1):
                raise BackupKeyError("The encrypted file has data after its last chunk: it was altered.")
            return


class DecryptingReader(io.RawIOBase):
    """A readable file object over decrypt_chunks, for tarfile's streaming mode."""

    def __init__(self, source: BinaryIO, key: bytes) -> None:
        super().__init__()
        self._chunks = decrypt_chunks(source, key)
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while not self._buffer:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._buffer = chunk
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size


def file_encrypt(source: BinaryIO, target: BinaryIO, key: bytes) -> None:
    writer = EncryptingWriter(target, key)
    while block := source.read(CHUNK_SIZE):
        writer.write(block)
    writer.close()


def file_verify(source: BinaryIO, key: bytes) -> None:
    """Decrypt the whole file without keeping it: the key is right and nothing was altered or cut off."""
    for _chunk in decrypt_chunks(source, key):
        pass
