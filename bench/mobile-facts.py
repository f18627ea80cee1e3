#!/usr/bin/python3
"""The facts bench/mobile-peer.py prints, from `etguard scan app --format
jsonl` outputs (one file per package, named after it), for comparison.

usage: mobile-facts.py JSONL...
"""
import json
import sys

for path in sys.argv[1:]:
    rows = {r["check_id"]: r for r in map(json.loads, open(path))}
    release = rows["mobile.build"]["evidence"]["release"]
    build = rows["mobile.build"]["evidence"]
    print(json.dumps({
        "file": release["file"],
        "package": release["package"],
        "version_name": release["version_name"],
        "version_code": release["version_code"],
        "min_sdk": build["min_sdk"],
        "target_sdk": build["target_sdk"],
        "debuggable": build["debuggable"],
        "allow_backup": build["allow_backup"],
        "permissions": sorted(rows["mobile.permissions"]["evidence"]["declared"]),
        "signers": sorted(s["sha256"] for s in rows["mobile.signing"]["evidence"]["signers"]),
        "dex_strings": release["dex_strings"],
    }))
