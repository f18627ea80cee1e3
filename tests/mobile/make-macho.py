#!/usr/bin/env python3
"""Writes a signed iOS executable for the test IPAs (make-ipas.sh): a 64-bit
Mach-O (arm64) whose code holds the given strings, with an LC_CODE_SIGNATURE
SuperBlob as codesign lays it out: a CodeDirectory (version 0x20400, SHA-256
pages of 4 KiB, the identifier and team) and a CMS signature over it, made by
`openssl cms` with the given key and certificate.

usage: make-macho.py OUT KEY.pem CERT.pem IDENTIFIER TEAM [--alter] [STRING...]
  --alter  flips a code byte after signing (the signature no longer holds)
"""
import os
import struct
import subprocess
import sys
import tempfile
import hashlib

PAGE = 12  # log2 of 4096


def code_with(strings):
    body = bytearray(os.urandom(4096))
    for text in strings:
        body += b"\x00" + text.encode() + b"\x00" + os.urandom(64)
    return body


def code_directory(code, identifier, team):
    ident = identifier.encode() + b"\x00"
    team_b = team.encode() + b"\x00"
    header = 88  # through execSegFlags (version 0x20400)
    ident_offset = header
    team_offset = ident_offset + len(ident)
    hash_offset = team_offset + len(team_b)
    pages = [code[i:i + (1 << PAGE)] for i in range(0, len(code), 1 << PAGE)]
    hashes = b"".join(hashlib.sha256(p).digest() for p in pages)
    length = hash_offset + len(hashes)
    fields = struct.pack(
        ">IIIIIIIIIBBBBIIIIQQQQ",
        0xFADE0C02, length, 0x20400, 0, hash_offset, ident_offset, 0, len(pages),
        len(code), 32, 2, 0, PAGE, 0, 0, team_offset, 0, 0, 0, 0, 0)
    assert len(fields) == header, len(fields)
    return fields + ident + team_b + hashes


RESERVED = 16384  # the signature's room, fixed before hashing as codesign reserves it


def cms_over(directory, key, cert):
    with tempfile.TemporaryDirectory() as work:
        cd_path = os.path.join(work, "cd")
        cms_path = os.path.join(work, "cms")
        with open(cd_path, "wb") as f:
            f.write(directory)
        subprocess.run(["openssl", "cms", "-sign", "-binary", "-outform", "DER", "-md", "sha256",
                        "-in", cd_path, "-signer", cert, "-inkey", key, "-out", cms_path],
                       check=True)
        with open(cms_path, "rb") as f:
            return f.read()


def main():
    args = sys.argv[1:]
    alter = "--alter" in args
    args = [a for a in args if a != "--alter"]
    out, key, cert, identifier, team, *strings = args
    body = code_with(strings)
    header_size = 32 + 16  # mach_header_64 and one linkedit_data_command
    signature_offset = header_size + len(body)
    signature_offset += (-signature_offset) % 16
    # Everything before the signature is code the CodeDirectory hashes,
    # headers included: the load command names the reserved room.
    header = struct.pack("<IiiIIIII", 0xFEEDFACF, 0x0100000C, 0, 2, 1, 16, 0, 0)
    header += struct.pack("<IIII", 0x1D, 16, signature_offset, RESERVED)
    code = bytearray((header + body).ljust(signature_offset, b"\x00"))
    directory = code_directory(bytes(code), identifier, team)
    cms = cms_over(directory, key, cert)
    cms_blob = struct.pack(">II", 0xFADE0B01, 8 + len(cms)) + cms
    first = 12 + 8 * 2
    super_blob = struct.pack(">III", 0xFADE0CC0, first + len(directory) + len(cms_blob), 2)
    super_blob += struct.pack(">II", 0, first) + struct.pack(">II", 0x10000, first + len(directory))
    super_blob += directory + cms_blob
    assert len(super_blob) <= RESERVED, len(super_blob)
    if alter:
        code[200] ^= 0xFF
    with open(out, "wb") as f:
        f.write(bytes(code) + super_blob.ljust(RESERVED, b"\x00"))


if __name__ == "__main__":
    main()
