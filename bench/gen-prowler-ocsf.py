#!/usr/bin/env python3
"""Writes a Prowler OCSF findings file of about --mb megabytes, in Prowler's
own layout (`[` + Detection Findings pretty-printed with indent 4, joined by
`,` + `]`, as prowler/lib/outputs/ocsf/ocsf.py writes it): checks drawn from
Prowler's published AWS/Azure/GCP check ids (src/cloud/mappings/
prowler-checks.txt, mapped and unmapped alike), five accounts (three of them
registered by run-cloud.sh), eight regions, about 1 in 5 failing and 1 in 50
of those muted. Deterministic for a seed.
usage: gen-prowler-ocsf.py OUT --mb 1024 [--seed 1]"""
import argparse
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKS = [line.split()[1] for line in open(os.path.join(HERE, "..", "src", "cloud", "mappings",
                                                         "prowler-checks.txt"))
          if line.strip() and not line.startswith("#")]
ACCOUNTS = ["111122223333", "444455556666", "777788889999", "123412341234", "999999999999"]
REGIONS = ["ap-east-2", "ap-northeast-1", "ap-southeast-1", "us-east-1", "eu-west-1",
           "asia-east1", "taiwannorth", "global"]


def finding(rng, n):
    check = rng.choice(CHECKS)
    account = rng.choice(ACCOUNTS)
    region = rng.choice(REGIONS)
    failed = rng.random() < 0.2
    muted = failed and rng.random() < 0.02
    service = check.split("_")[0]
    resource = f"arn:aws:{service}:{region}:{account}:resource/r-{n:010d}"
    title = check.replace("_", " ").capitalize()
    return {
        "message": f"{resource} {'fails' if failed else 'passes'} {title}.",
        "metadata": {"event_code": check,
                     "product": {"name": "Prowler", "uid": "prowler", "vendor_name": "Prowler",
                                 "version": "5.10.0"},
                     "profiles": ["cloud", "datetime"], "tenant_uid": "o-exampleorg1",
                     "version": "1.4.0"},
        "severity_id": rng.choice([1, 2, 3, 4, 5]),
        "severity": rng.choice(["Informational", "Low", "Medium", "High", "Critical"]),
        "status": "Suppressed" if muted else "New",
        "status_code": "FAIL" if failed else "PASS",
        "status_detail": f"{resource} {'fails' if failed else 'passes'} {title}.",
        "status_id": 3 if muted else 1,
        "unmapped": {"related_url": "", "categories": [service], "depends_on": [],
                     "related_to": [], "notes": "",
                     "compliance": {"CIS-3.0": [f"{rng.randint(1, 5)}.{rng.randint(1, 20)}"]}},
        "activity_name": "Create", "activity_id": 1,
        "finding_info": {"created_time": 1764979200, "created_time_dt": "2026-12-06T00:00:00Z",
                         "desc": title, "title": title,
                         "types": ["Software and Configuration Checks"],
                         "uid": f"prowler-aws-{check}-{account}-{region}-r-{n:010d}"},
        "resources": [{"cloud_partition": "aws", "region": region,
                       "data": {"details": "", "metadata": {}}, "group": {"name": service},
                       "labels": [], "name": f"r-{n:010d}", "type": "Other", "uid": resource}],
        "category_name": "Findings", "category_uid": 2, "class_name": "Detection Finding",
        "class_uid": 2004,
        "cloud": {"account": {"name": "bench", "type": "AWS Account", "type_id": 10,
                              "uid": account, "labels": []},
                  "org": {"name": "example", "uid": "o-exampleorg1"}, "provider": "aws",
                  "region": region},
        "remediation": {"desc": "See the check's documentation.", "references": []},
        "risk_details": "", "time": 1764979200, "time_dt": "2026-12-06T00:00:00Z",
        "type_uid": 200401, "type_name": "Detection Finding: Create"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--mb", type=int, default=1024)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    limit = args.mb * 1024 * 1024
    written = 0
    n = 0
    with open(args.out, "w") as out:
        out.write("[")
        while written < limit:
            text = json.dumps(finding(rng, n), indent=4)
            out.write(("," if n else "") + text)
            written += len(text) + 1
            n += 1
        out.write("]")
    print(n)


if __name__ == "__main__":
    main()
