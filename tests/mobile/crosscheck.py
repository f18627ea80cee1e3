#!/usr/bin/python3
"""Cross-checks etguard's binary-XML decoder against aapt and androguard.

For each package, the manifest as `etguard scan app APK --manifest` decodes
it must equal, element by element and attribute by attribute, what
`aapt dump xmltree` prints and what `androguard axml` prints. Values are
compared as the platform reads them: integers as numbers, booleans as
true/false, references as resource ids.

usage: crosscheck.py ETGUARD APK...      exit 0 when all agree
       crosscheck.py --aapt2 ETGUARD AAB PROTO_APK
           an App Bundle's manifest (aapt2's protobuf form) against
           `aapt2 dump xmltree` of the protobuf APK it was laid out from
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

ANDROID = "{http://schemas.android.com/apk/res/android}"


def norm(value):
    if re.fullmatch(r"@(0x)?[0-9A-Fa-f]{8}", value):
        return ("ref", int(value.lstrip("@"), 16))
    if re.fullmatch(r"-?\d+", value):
        return ("int", int(value))
    return ("text", value)


def tree_of(root):
    out = []

    def walk(element, depth):
        attrs = {}
        for name, value in element.attrib.items():
            attrs[name.replace(ANDROID, "android:")] = norm(value)
        out.append((depth, element.tag, tuple(sorted(attrs.items()))))
        for child in element:
            walk(child, depth + 1)

    walk(root, 0)
    return out


def ours(etguard, apk):
    text = subprocess.run([etguard, "scan", "app", apk, "--manifest"], check=True,
                          capture_output=True, text=True).stdout
    return tree_of(ET.fromstring(text))


def androguard(apk):
    text = subprocess.run(["androguard", "axml", apk], check=True, capture_output=True,
                          text=True).stdout
    return tree_of(ET.fromstring(text))


def aapt(apk):
    lines = subprocess.run(["aapt", "dump", "xmltree", apk, "AndroidManifest.xml"], check=True,
                           capture_output=True, text=True).stdout.splitlines()
    out = []
    for line in lines:
        indent = len(line) - len(line.lstrip())
        body = line.strip()
        if body.startswith("E: "):
            name = body[3:].split(" ")[0]
            out.append([indent // 2 - 1, name, {}])
        elif body.startswith("A: "):
            match = re.match(r'A: ([\w:.-]+)(?:\(0x[0-9a-f]+\))?=(.*)$', body)
            name, value = match.group(1), match.group(2)
            if value.startswith('"'):
                value = ("text", value[1:value.rindex('" (Raw')] if '" (Raw' in value else value[1:-1])
            elif value.startswith("@"):
                value = ("ref", int(value[1:], 16))
            else:
                kind, data = re.match(r"\(type (0x[0-9a-f]+)\)(0x[0-9a-f]+)", value).groups()
                number = int(data, 16)
                if int(kind, 16) == 0x12:
                    value = ("text", "true" if number else "false")
                else:
                    value = ("int", number - (1 << 32) if number >= 1 << 31 else number)
            out[-1][2][name] = value
    # aapt's depth counts the namespace line: the manifest is depth 0 here.
    base = min(depth for depth, _, _ in out)
    return [(depth - base, name, tuple(sorted(attrs.items()))) for depth, name, attrs in out]


def aapt2(apk):
    lines = subprocess.run(["aapt2", "dump", "xmltree", "--file", "AndroidManifest.xml", apk], check=True,
                           capture_output=True, text=True).stdout.splitlines()
    out = []
    for line in lines:
        indent = len(line) - len(line.lstrip())
        body = line.strip()
        if body.startswith("E: "):
            out.append([indent, body[3:].split(" ")[0], {}])
        elif body.startswith("A: "):
            match = re.match(r'A: (.+?)(?:\(0x[0-9a-f]+\))?=(.*?)(?: \(Raw: .*\))?$', body)
            name = match.group(1).replace("http://schemas.android.com/apk/res/android:", "android:")
            value = match.group(2)
            if value.startswith('"') and value.endswith('"'):
                value = value[1:-1]
            out[-1][2][name] = norm(value)
    base = min(depth for depth, _, _ in out)
    step = sorted({depth for depth, _, _ in out})[1] - base if len(out) > 1 else 1
    return [((depth - base) // step, name, tuple(sorted(attrs.items()))) for depth, name, attrs in out]


def main():
    if sys.argv[1] == "--aapt2":
        etguard, bundle, proto = sys.argv[2:5]
        mine, theirs = ours(etguard, bundle), aapt2(proto)
        if mine != theirs:
            for a, b in zip(mine, theirs):
                if a != b:
                    print(f"{bundle}: etguard and aapt2 disagree\n  etguard: {a}\n  aapt2: {b}", file=sys.stderr)
                    break
            print(f"  {len(mine)} elements vs {len(theirs)}", file=sys.stderr)
            return 1
        print(f"{bundle}: {len(mine)} elements agree with aapt2")
        return 0
    etguard, apks = sys.argv[1], sys.argv[2:]
    failed = False
    for apk in apks:
        mine = ours(etguard, apk)
        agreed = True
        for peer, theirs in (("aapt", aapt(apk)), ("androguard", androguard(apk))):
            if mine != theirs:
                failed = True
                agreed = False
                print(f"{apk}: etguard and {peer} disagree", file=sys.stderr)
                for a, b in zip(mine, theirs):
                    if a != b:
                        print(f"  etguard: {a}\n  {peer}: {b}", file=sys.stderr)
                        break
                if len(mine) != len(theirs):
                    print(f"  {len(mine)} elements vs {len(theirs)}", file=sys.stderr)
        if agreed:
            print(f"{apk}: {len(mine)} elements agree with aapt and androguard")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
