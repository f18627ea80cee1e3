// etguard scan iot SCAN.xml — the IoT register reconciled with an nmap scan
// (Art. 22) and each device's services judged (Art. 25); docs/iot.md.
#include "app/scan_iot.h"

#include <fmt/format.h>

#include <iterator>
#include <map>
#include <span>

#include "cli/command.h"
#include "cli/finding_output.h"
#include "cli/open_workspace.h"
#include "cli/scan_import.h"

namespace etguard::cli {
namespace {

struct IotOptions {
  app::IotScanRequest request;
  std::string format = "table";
  bool import = false;
};

// "--probe: 8 devices, 8 services, 27 logins, 2 TLS ports" when the probes
// ran.
std::string probe_line(const Context& context, const iot::Reconciliation& result) {
  std::size_t devices = 0;
  std::size_t services = 0;
  std::size_t tls_ports = 0;
  int logins = 0;
  for (const iot::DeviceSighting& sighting : result.devices) {
    devices += sighting.probed ? 1 : 0;
    services += sighting.probes.size();
    tls_ports += sighting.tls.size();
    for (const iot::ProbeOutcome& outcome : sighting.probes) {
      logins += outcome.attempts;
    }
  }
  if (devices == 0) {
    return {};
  }
  return context.lang == Lang::kZhTw
             ? fmt::format(
                   "--probe：探測 {} 台設備、{} 項服務，登入嘗試 {} 次，掃描 TLS 連接埠 "
                   "{} 個\n",
                   devices, services, logins, tls_ports)
             : fmt::format(
                   "--probe: {} devices probed, {} services, {} logins tried, {} TLS "
                   "ports scanned\n",
                   devices, services, logins, tls_ports);
}

// "--vulnerabilities: 3 advisories, 2 devices affected" and the feeds' notes.
std::string feed_lines(const Context& context, const app::IotScan& scan) {
  if (!scan.feed) {
    return {};
  }
  const auto& devices = scan.reconciliation.devices;
  const auto affected = std::ranges::count_if(devices, [](const iot::DeviceSighting& sighting) {
    return !sighting.vulnerabilities.empty();
  });
  std::string out = context.lang == Lang::kZhTw
                        ? fmt::format("--vulnerabilities：{} 則弱點公告，{} 台設備受影響\n",
                                      scan.feed->advisories.size(), affected)
                        : fmt::format("--vulnerabilities: {} advisories, {} devices affected\n",
                                      scan.feed->advisories.size(), affected);
  for (const std::string& note : scan.feed->notes) {
    out += (context.lang == Lang::kZhTw ? "註：" : "note: ") + note + "\n";
  }
  return out;
}

std::string scan_line(const Context& context, const app::IotScan& scan) {
  const iot::Reconciliation& result = scan.reconciliation;
  const auto seen = std::ranges::count_if(
      result.devices, [](const iot::DeviceSighting& sighting) { return sighting.seen; });
  if (context.lang != Lang::kZhTw) {
    return fmt::format(
        "nmap {} scan: {} hosts, {} up; register: {} devices, {} seen; {} hosts not "
        "in the register, {} listed as not IoT\n",
        result.scan.scanner_version, result.scan.hosts, result.scan.hosts_up, result.devices.size(),
        seen, result.unknown.size(), result.ignored);
  }
  return fmt::format(
      "nmap {} 掃描：{} 台主機，{} 台上線；清冊：{} 台設備，見到 {} 台；{} 台主機未登錄，"
      "{} 台列為非物聯網設備\n",
      result.scan.scanner_version, result.scan.hosts, result.scan.hosts_up, result.devices.size(),
      seen, result.unknown.size(), result.ignored);
}

// Each finding with something to say, under its target; the device checks'
// clean passes counted in `clean`, not listed (a segment has thousands of
// devices).
std::string verdict_lines(const Context& context, std::span<const check::Finding> findings,
                          std::map<std::string_view, std::size_t>& clean) {
  std::string out;
  for (const check::Finding& finding : findings) {
    if (finding.assessment.reasons.empty() && finding.target != "org") {
      ++clean[finding.check->id];
      continue;
    }
    out += fmt::format("{} {} {}\n", finding.check->id, finding.target,
                       to_string(finding.assessment.verdict));
    out += reason_lines(context, finding);
  }
  return out;
}

std::string clean_lines(const Context& context,
                        const std::map<std::string_view, std::size_t>& clean) {
  std::string out;
  for (const auto& [check, count] : clean) {
    out += context.lang == Lang::kZhTw
               ? fmt::format("{}：另 {} 台設備符合，無任何註記\n", check, count)
               : fmt::format("{}: {} more devices pass without remarks\n", check, count);
  }
  return out;
}

Result<int> run_scan_iot(const Context& context, const IotOptions& options) {
  const std::string format = context.json ? "jsonl" : options.format;
  if (format != "table" && format != "jsonl" && format != "ocsf") {
    return usage_error(fmt::format("unknown --format '{}'; use table, jsonl or ocsf", format),
                       fmt::format("未知的 --format '{}'；請用 table、jsonl 或 ocsf", format));
  }
  auto session = open_session(context, Access::kReadOnly);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto scan = app::scan_iot(options.request, *session);
  if (!scan) {
    return std::unexpected(scan.error());
  }
  const bool table = format == "table";
  if (table) {
    print(scan_line(context, *scan) + feed_lines(context, *scan) +
          probe_line(context, scan->reconciliation));
  }
  // Printed a block at a time: a 100,000-device segment is never held whole.
  bool passed = true;
  std::map<std::string_view, std::size_t> clean;
  std::vector<check::Finding> to_import;
  app::iot_findings(*scan, !table || options.import, [&](std::span<check::Finding> block) {
    passed = passed && std::ranges::all_of(block, [](const check::Finding& finding) {
               return finding.assessment.verdict == check::Verdict::kPass;
             });
    print(table ? verdict_lines(context, block, clean) : finding_lines(block, format));
    if (options.import) {
      std::ranges::move(block, std::back_inserter(to_import));
    }
  });
  if (table) {
    print(clean_lines(context, clean));
  }
  if (options.import) {
    if (auto imported = import_scan_findings(context, {to_import, ""}); !imported) {
      return std::unexpected(imported.error());
    }
  }
  return passed ? kExitOk : kExitFindings;
}

}  // namespace

void add_scan_iot(CLI::App& scan, Action& selected, const Help& help) {
  auto options = std::make_shared<IotOptions>();
  CLI::App* command = scan.add_subcommand(
      "iot", help("The IoT register against an nmap scan, and each device's services "
                  "(Art. 22, 25)",
                  "以 nmap 掃描結果核對物聯網設備清冊及各設備之服務（第二十二、二十五條）"));
  command
      ->add_option("scan", options->request.nmap_xml,
                   help("nmap's XML output (nmap -oX), any size: it is read as a stream",
                        "nmap 之 XML 輸出（nmap -oX），大小不限，以串流讀取"))
      ->required();
  command->add_option("--not-iot", options->request.not_iot,
                      help("a file of addresses or MACs on the scanned segment that are not IoT "
                           "devices (one per line, # comments)",
                           "掃描網段中非物聯網設備之位址或 MAC 清單（每行一個，# 為註解）"));
  command->add_option("--from-zone", options->request.from_zones,
                      help("ZONE=SCAN.xml: a scan of the same devices taken from another zone; a "
                           "device it reaches must list ZONE in details.zones (repeatable)",
                           "區域=掃描.xml：自其他區域對相同設備之掃描；可達之設備須於 "
                           "details.zones 列出該區域（可重複）"));
  command
      ->add_option("--update-months", options->request.update_months,
                   help("the longest time between a device's updates (Art. 23)",
                        "設備兩次更新之最長間隔月數（第二十三條）"))
      ->capture_default_str();
  command->add_flag("--probe", options->request.probe.enabled,
                    help("log in to each device seen at its registered address with no "
                         "credential and with the default ones (MQTT, SNMP, HTTP Basic and "
                         "Digest, FTP, SSH, Telnet, RTSP; Art. 24), and scan its TLS ports with "
                         "the TLS checks (Art. 25); only with the owner's permission",
                         "以無帳密及預設帳密登入各於登錄位址見到之設備（MQTT、SNMP、HTTP Basic "
                         "及 Digest、FTP、SSH、Telnet、RTSP；第二十四條），並以 TLS 檢核掃描其 TLS "
                         "連接埠（第二十五條）；須經設備管理人同意"));
  command->add_option(
      "--credentials", options->request.probe.credential_files,
      help("a YAML list of more default credentials to try (format: "
           "etguard.iot-credentials; repeatable)",
           "額外嘗試之預設帳密 YAML 清單（format: etguard.iot-credentials；可重複）"));
  command->add_option("--targets", options->request.probe.targets,
                      help("probe only these register addresses (one per line, # comments); an "
                           "address not in the register is refused",
                           "僅探測此清單中之清冊位址（每行一個，# 為註解）；非清冊位址一律拒絕"));
  command
      ->add_option(
          "--probe-timeout", options->request.probe.timeout_ms,
          help("milliseconds for a connection and for each answer", "連線及每次回應之逾時毫秒數"))
      ->capture_default_str();
  command
      ->add_option("--probe-rate", options->request.probe.per_second,
                   help("logins a second, over every device", "所有設備合計每秒登入次數"))
      ->capture_default_str();
  command->add_option("--tls-ca", options->request.probe.tls_ca_file,
                      help("with --probe: a PEM file of the CAs that sign the devices' TLS "
                           "certificates (default: the system's trust store)",
                           "搭配 --probe：簽發設備 TLS 憑證之 CA（PEM 檔；預設為系統信任之 CA）"));
  command->add_option(
      "--vulnerabilities", options->request.vulnerability_feeds,
      help("an OSV or NVD CVE API 2.0 JSON file the firm imported; each device is matched by "
           "details.cpe, details.software or nmap's CPEs (Art. 29; repeatable)",
           "組織離線匯入之 OSV 或 NVD CVE API 2.0 JSON 檔；依 details.cpe、details.software 或 "
           "nmap 之 CPE 比對各設備（第二十九條；可重複）"));
  command->add_option("--format", options->format, "table | jsonl | ocsf")->capture_default_str();
  command->add_flag(
      "--import", options->import,
      help("record the results as evidence: ET-22 (partly) on org, ET-23, ET-25 and, with "
           "--probe, ET-24 (partly), with --vulnerabilities, ET-29 (partly) on each device",
           "將結果記為佐證資料：org 之 ET-22（部分）、各設備之 ET-23、ET-25，--probe 時 "
           "ET-24（部分），--vulnerabilities 時 ET-29（部分）"));
  command->footer(help.footer(
      "Reads the workspace's IoT register (details.ip, mac, ports, connection, location; the "
      "owner is the manager). Fails on hosts not in the register, entries not seen, changed "
      "addresses or MACs, undeclared open ports, incomplete entries, Telnet, FTP, HTTP or "
      "MQTT without TLS, UPnP and SNMP v1/v2c, devices not updated within --update-months or "
      "running another version than the register approves, public addresses without a "
      "firewall, and devices reached from a --from-zone the register does not allow. With "
      "--probe, fails on a service that lets a client in without a login or with a default "
      "credential (the password is never shown: the finding names where it is listed), and "
      "cannot judge a device whose services the probes could not decide; a device's TLS port "
      "fails as `scan tls` would fail it. With --vulnerabilities, "
      "a device an advisory affects, or marked facts.exception, fails without a replacement plan "
      "(details.replacement_plan, dates.replacement) or when a --from-zone scan reaches it, and "
      "cannot be judged without one. Exit 0 when all pass, 1 on findings, 2 on an unreadable "
      "scan, credential list, feed or targets file, a target outside the register, or a register "
      "without addresses (nothing is recorded or probed then).",
      "讀取工作區之物聯網設備清冊（details.ip、mac、ports、connection、location；owner 為管理"
      "人員）。未登錄之主機、未見之設備、位址或 MAC 變更、未記載之開啟通訊埠、記載不全，以及未加密"
      "之 Telnet、FTP、HTTP、MQTT、UPnP、SNMP v1/v2c，逾 --update-months 未更新或未執行核定版本"
      "之設備、未設防火牆之公開位址，以及可自清冊未允許之 --from-zone "
      "區域連線之設備，均判為不符合。--probe 時，服務未經登入或以預設帳密即可存取者判為不符合"
      "（密碼一律不顯示，僅註明其所列位置），探測無法判斷之設備列為無法評估；設備之 TLS 連接埠依 "
      "`scan tls` 之標準判定。--vulnerabilities 時，"
      "受弱點公告影響或標示 facts.exception 之設備，未記載汰換計畫（details.replacement_plan、"
      "dates.replacement）或可自 --from-zone 區域連線者判為不符合，未提供區域掃描則列為無法評估。"
      "全部符合結束碼為 0，有發現為 1，掃描、帳密清單、弱點資料或目標清單無法讀取、目標不在清冊中，"
      "或清冊無位址為 2（此時不記錄任何資料，亦不探測）。",
      "  nmap -sS -sU -sV -p T:1-65535,U:161,1900 -oX iot.xml 10.20.0.0/24\n"
      "  etguard --workspace ws scan iot iot.xml --not-iot servers.txt\n"
      "  etguard --workspace ws scan iot iot.xml --from-zone office=from-office.xml --import\n"
      "  etguard --workspace ws scan iot iot.xml --probe --credentials vendor-defaults.yaml "
      "--import\n"
      "  etguard --workspace ws scan iot iot.xml --vulnerabilities nvdcve-2.0-2024.json "
      "--from-zone internal=from-internal.xml"));
  command->callback([&selected, options] {
    selected = [options](const Context& context) { return run_scan_iot(context, *options); };
  });
}

}  // namespace etguard::cli
