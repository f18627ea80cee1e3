#!/usr/bin/python3
"""The peer of bench/run-mobile.sh: androguard (Debian's 3.4) auditing the
same packages as `etguard scan app` does — the manifest's identity, SDK
levels, flags and permissions, the signers' certificates (v1, v2, v3), and
every DEX's string table — in one Python process for all packages (its best
case: the interpreter and androguard load once). Prints one JSON line per
package with the facts both tools must agree on.

usage: mobile-peer.py APK...
"""
import hashlib
import json
import logging
import sys

logging.disable(logging.CRITICAL)
from androguard.core.bytecodes.apk import APK  # noqa: E402
from androguard.core.bytecodes.dvm import DalvikVMFormat  # noqa: E402


def flag(apk, name, default):
    value = apk.get_attribute_value("application", name)
    return default if value is None else value == "true"


def main():
    for path in sys.argv[1:]:
        apk = APK(path)
        strings = 0
        for dex in apk.get_all_dex():
            strings += len(DalvikVMFormat(dex).get_strings())
        signers = apk.get_certificates_der_v3() or apk.get_certificates_der_v2() or \
            [c.dump() for c in apk.get_certificates_v1()]
        print(json.dumps({
            "file": path,
            "package": apk.get_package(),
            "version_name": apk.get_androidversion_name(),
            "version_code": int(apk.get_androidversion_code()),
            "min_sdk": int(apk.get_min_sdk_version() or 1),
            "target_sdk": int(apk.get_target_sdk_version() or apk.get_min_sdk_version() or 1),
            "debuggable": flag(apk, "debuggable", False),
            "allow_backup": flag(apk, "allowBackup", True),
            "permissions": sorted(apk.get_permissions()),
            "signers": sorted(hashlib.sha256(der).hexdigest() for der in signers),
            "dex_strings": strings,
        }), flush=True)


if __name__ == "__main__":
    main()
