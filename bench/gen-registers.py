#!/usr/bin/env python3
"""Writes a registers YAML for a firm with N entries, spread over cloud
services, apps, IoT devices and AI systems (one in three with the deciding
fact set): the input of bench/run-scope-report.sh and bench/run-large-firm.sh.
Usage: gen-registers.py N > registers.yaml"""
import sys

n = int(sys.argv[1])
print('format: etguard.registers\nformat_version: "1.0"\n'
      'profile: {name: Bench Securities, sector: securities}\nregisters:')
kinds = [("cloud", "{used: true, in_scope: true, material: %s, customer_data: true}"),
         ("mobile_app", "{published: true, customer_facing: %s}"),
         ("iot", "{device: true, exception: %s}"),
         ("ai", "{used: true, customer_facing: %s, material_impact: true, generative: true}")]
for k, (subject, facts) in enumerate(kinds):
    print(f"  {subject}:")
    for i in range(k, n, len(kinds)):
        flag = "true" if i % 3 == 0 else "false"
        print(f"    - {{id: e{i}, name: Entry {i}, owner: Owner {i % 17}, facts: {facts % flag}}}")
