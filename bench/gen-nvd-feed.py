#!/usr/bin/env python3
"""A year-sized NVD CVE API 2.0 feed for bench/run-iot-feed.sh: CVES records
shaped as the API writes them (descriptions in two languages, CVSS v3.1 and
v2 metrics, weaknesses, references, configurations of one to three nodes
with one to five CPE matches, most with a version range), nearly all on
products no device runs and one match in 2,000 on the generated devices'
firmware (vendor device-N_firmware, as bench/gen-nmap.py --cpe writes it).
Deterministic for a seed."""
import argparse
import json
import random


def cpe_match(rng, vendor, product):
    match = {"vulnerable": rng.random() < 0.9,
             "criteria": f"cpe:2.3:o:{vendor}:{product}:*:*:*:*:*:*:*:*",
             "matchCriteriaId": f"{rng.getrandbits(128):032X}"}
    kind = rng.random()
    if kind < 0.6:
        match["versionEndExcluding"] = f"2.{rng.randint(0, 9)}"
    elif kind < 0.8:
        match["versionStartIncluding"] = f"1.{rng.randint(0, 9)}"
        match["versionEndIncluding"] = f"2.{rng.randint(0, 9)}"
    else:
        match["criteria"] = f"cpe:2.3:o:{vendor}:{product}:2.{rng.randint(0, 9)}:*:*:*:*:*:*:*"
    return match


def record(rng, n, year):
    nodes = []
    for _ in range(rng.randint(1, 3)):
        matches = []
        for _ in range(rng.randint(1, 5)):
            if rng.random() < 0.0005:
                matches.append(cpe_match(rng, "vendor", f"device-{rng.randint(0, 49)}_firmware"))
            else:
                matches.append(cpe_match(rng, f"vendor{rng.randint(0, 4999)}",
                                         f"product{rng.randint(0, 99999)}"))
        nodes.append({"operator": "OR", "negate": False, "cpeMatch": matches})
    score = round(rng.uniform(2.0, 10.0), 1)
    return {"cve": {
        "id": f"CVE-{year}-{n:05d}",
        "sourceIdentifier": "cve@mitre.org",
        "published": f"{year}-03-01T12:00:00.000",
        "lastModified": f"{year}-04-01T12:00:00.000",
        "vulnStatus": "Analyzed",
        "cveTags": [],
        "descriptions": [
            {"lang": "en", "value": f"A generated weakness {n} in a network device's web "
                                    "interface allows a remote attacker to run commands. " * 2},
            {"lang": "es", "value": "Una debilidad generada en la interfaz web de un dispositivo."}],
        "metrics": {
            "cvssMetricV31": [{"source": "nvd@nist.gov", "type": "Primary", "cvssData": {
                "version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                "baseScore": score, "baseSeverity": "HIGH" if score >= 7 else "MEDIUM"},
                "exploitabilityScore": 3.9, "impactScore": 5.9}],
            "cvssMetricV2": [{"source": "nvd@nist.gov", "type": "Primary", "cvssData": {
                "version": "2.0", "vectorString": "AV:N/AC:L/Au:N/C:P/I:P/A:P", "baseScore": 7.5},
                "baseSeverity": "HIGH"}]},
        "weaknesses": [{"source": "nvd@nist.gov", "type": "Primary",
                        "description": [{"lang": "en", "value": "CWE-78"}]}],
        "configurations": [{"nodes": nodes}],
        "references": [{"url": f"https://example.org/advisories/{year}/{n}/{k}",
                        "source": "cve@mitre.org", "tags": ["Vendor Advisory"]}
                       for k in range(rng.randint(1, 6))]}}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cves", type=int, default=40000)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with open(args.out, "w") as out:
        out.write('{"resultsPerPage": %d, "startIndex": 0, "totalResults": %d, '
                  '"format": "NVD_CVE", "version": "2.0", "timestamp": "2026-12-01T00:00:00.000", '
                  '"vulnerabilities": [\n' % (args.cves, args.cves))
        for n in range(args.cves):
            out.write((",\n" if n else "") + json.dumps(record(rng, n + 1, 2026)))
        out.write("\n]}\n")


if __name__ == "__main__":
    main()
