#!/usr/bin/env python3
"""A large IoT segment for bench/run-iot.sh: nmap 7.93 XML of HOSTS hosts up
(-sV style: 2-4 open ports each with service names, MAC and vendor) and the
etguard registers file of the same devices. Deterministic for a seed: 1 % of
the hosts are not in the register, 1 % of the entries moved address (found by
MAC), 2 % have a port the register does not declare. With --cpe each entry
records its firmware's CPE (vendor device-N_firmware 2.x)."""
import argparse
import random

SERVICES = [(443, "http", "ssl"), (554, "rtsp", ""), (80, "http", ""), (1883, "mqtt", ""),
            (8883, "mqtt", "ssl"), (22, "ssh", ""), (5060, "sip", ""), (502, "modbus", "")]


def address(i):
    return f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"


def mac(i):
    return "00:1A:2B:" + ":".join(f"{(i >> s) & 255:02X}" for s in (16, 8, 0))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hosts", type=int, default=100000)
    parser.add_argument("--xml", required=True)
    parser.add_argument("--registers", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cpe", action="store_true",
                        help="give each entry the CPE of its firmware (details.cpe) for "
                             "bench/run-iot-feed.sh")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with open(args.xml, "w") as xml, open(args.registers, "w") as reg:
        xml.write('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nmaprun>\n'
                  f'<nmaprun scanner="nmap" args="nmap -sV -oX bench.xml 10.0.0.0/8" '
                  'start="1796532016" startstr="Sun Dec  6 04:40:16 2026" version="7.93" '
                  'xmloutputversion="1.05">\n'
                  '<scaninfo type="syn" protocol="tcp" numservices="1000" services="1-1000"/>\n')
        reg.write('format: etguard.registers\nformat_version: "1.0"\nprofile:\n'
                  '  name: 基準測試證券\n  sector: securities\nregisters:\n  iot:\n')
        for i in range(1, args.hosts + 1):
            ports = rng.sample(SERVICES, rng.randint(2, 4))
            roll = rng.random()
            host_address = address(i)
            registered_address = address(i + (1 << 22)) if 0.01 <= roll < 0.02 else host_address
            declared = ports[:-1] if 0.02 <= roll < 0.04 else ports
            xml.write(f'<host starttime="1796532017" endtime="1796532023"><status state="up" '
                      f'reason="arp-response" reason_ttl="0"/>\n<address addr="{host_address}" '
                      f'addrtype="ipv4"/>\n<address addr="{mac(i)}" addrtype="mac" vendor="Hikvision"/>\n'
                      '<hostnames>\n</hostnames>\n<ports>'
                      '<extraports state="closed" count="996"><extrareasons reason="reset" count="996"/></extraports>\n')
            for number, name, tunnel in ports:
                tunnel_attr = f' tunnel="{tunnel}"' if tunnel else ""
                xml.write(f'<port protocol="tcp" portid="{number}"><state state="open" reason="syn-ack" '
                          f'reason_ttl="64"/><service name="{name}" product="Device {name}d" version="2.{i % 9}"'
                          f'{tunnel_attr} method="probed" conf="10"><cpe>cpe:/h:vendor:device-{i % 50}</cpe>'
                          '</service></port>\n')
            xml.write('</ports>\n<times srtt="57" rttvar="3764" to="100000"/>\n</host>\n')
            if roll < 0.01:
                continue  # on the network, not in the register
            port_text = ", ".join(str(number) for number, _, _ in sorted(declared))
            reg.write(f'    - id: dev-{i}\n      name: 設備 {i}\n      owner: 總務部\n'
                      '      facts: {device: true}\n'
                      f'      details: {{ip: {registered_address}, mac: "{mac(i)}", connection: wired, '
                      f'ports: "{port_text}", location: 機房'
                      + (f', cpe: "cpe:2.3:o:vendor:device-{i % 50}_firmware:2.{i % 9}:*:*:*:*:*:*:*"'
                         if args.cpe else "")
                      + '}\n')
        xml.write(f'<runstats><finished time="1796532999" timestr="Sun Dec  6 05:00:00 2026" '
                  f'elapsed="983" exit="success"/><hosts up="{args.hosts}" down="0" total="{args.hosts}"/>\n'
                  '</runstats>\n</nmaprun>\n')


if __name__ == "__main__":
    main()
