#!/usr/bin/env python3
"""Writes a DEX file (format 035) whose string table holds the given strings.

Debian ships no DEX compiler (dx/d8), so the test packages get their code
strings from this: a header, the string ids, the string data and the map
list, with the Adler-32 checksum and SHA-1 signature filled in, which is
what dexdump and androguard read. No classes: the checks read strings only.

usage: make_dex.py OUT.dex [STRING...]   (strings sorted as DEX requires)
"""
import hashlib
import struct
import sys
import zlib


def uleb128(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def mutf8(text):
    out = bytearray()
    for ch in text:
        cp = ord(ch)
        if cp == 0:
            out += b"\xc0\x80"
        elif cp < 0x80:
            out.append(cp)
        elif cp < 0x10000:
            out += ch.encode("utf-8") if cp < 0xD800 or cp > 0xDFFF else b"?"
        else:  # a surrogate pair, each half as three bytes
            cp -= 0x10000
            for half in (0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF)):
                out += bytes([0xE0 | (half >> 12), 0x80 | ((half >> 6) & 0x3F), 0x80 | (half & 0x3F)])
    return bytes(out)


def utf16_units(text):
    return sum(2 if ord(ch) >= 0x10000 else 1 for ch in text)


def build(strings):
    strings = sorted(set(strings), key=lambda s: s.encode("utf-16-be"))
    header_size = 0x70
    ids_at = header_size
    data_at = ids_at + 4 * len(strings)
    data = bytearray()
    offsets = []
    for text in strings:
        offsets.append(data_at + len(data))
        data += uleb128(utf16_units(text)) + mutf8(text) + b"\0"
    while (data_at + len(data)) % 4:
        data.append(0)
    map_at = data_at + len(data)
    entries = [(0x0000, 1, 0), (0x0001, len(strings), ids_at)]
    if strings:
        entries.append((0x2002, len(strings), data_at))
    entries.append((0x1000, 1, map_at))
    map_list = struct.pack("<I", len(entries)) + b"".join(
        struct.pack("<HHII", kind, 0, count, at) for kind, count, at in entries)
    size = map_at + len(map_list)
    header = bytearray(header_size)
    header[0:8] = b"dex\n035\0"
    struct.pack_into("<III", header, 32, size, header_size, 0x12345678)
    struct.pack_into("<II", header, 0x34, map_at, 0)  # map_off, then string_ids_size below
    struct.pack_into("<II", header, 0x38, len(strings), ids_at if strings else 0)
    struct.pack_into("<II", header, 0x68, size - data_at, data_at)  # data_size, data_off
    body = bytearray(header) + b"".join(struct.pack("<I", o) for o in offsets) + data + map_list
    body[12:32] = hashlib.sha1(bytes(body[32:])).digest()
    struct.pack_into("<I", body, 8, zlib.adler32(bytes(body[12:])))
    return bytes(body)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    with open(sys.argv[1], "wb") as out:
        out.write(build(sys.argv[2:]))
