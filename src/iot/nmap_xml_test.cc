#include "iot/nmap_xml.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace etguard::iot {
namespace {

const std::string kData = std::string(ETG_SOURCE_DIR) + "/src/iot/testdata/";

Result<ScanSummary> read_text(const std::string& text, std::vector<Host>& hosts) {
  std::istringstream in(text);
  return read_nmap_xml(in, "scan.xml", [&](Host&& host) { hosts.push_back(std::move(host)); });
}

Result<ScanSummary> read_file(const std::string& name, std::vector<Host>& hosts) {
  std::ifstream in(kData + name, std::ios::binary);
  return read_nmap_xml(in, name, [&](Host&& host) { hosts.push_back(std::move(host)); });
}

TEST(NmapXml, ReadsHostsAddressesPortsServicesAndOsGuesses) {
  std::vector<Host> hosts;
  auto summary = read_file("lab.xml", hosts);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->scanner_version, "7.93");
  EXPECT_TRUE(summary->finished);
  EXPECT_EQ(summary->hosts, 6U);  // the hosthint is not a host
  EXPECT_EQ(summary->hosts_up, 5U);
  ASSERT_EQ(hosts.size(), 6U);
  const Host& camera = hosts[0];
  EXPECT_EQ(camera.ipv4, "192.0.2.15");
  EXPECT_EQ(camera.mac, "00:11:22:33:44:15");
  EXPECT_EQ(camera.vendor, "Hikvision");
  EXPECT_EQ(camera.hostnames, std::vector<std::string>{"cctv-hq.example"});
  ASSERT_EQ(camera.ports.size(), 4U);  // the 1876 closed ports are only counted by nmap
  EXPECT_EQ(camera.ports[0].number, 23);
  EXPECT_EQ(camera.ports[0].service, "telnet");
  EXPECT_EQ(camera.ports[0].cpes, std::vector<std::string>{"cpe:/a:busybox:busybox"});
  EXPECT_EQ(camera.ports[1].tunnel, "ssl");
  EXPECT_EQ(camera.ports[3].protocol, "udp");
  ASSERT_EQ(camera.os.size(), 1U);
  EXPECT_EQ(camera.os[0].name, "Linux 3.2 - 4.9");
  EXPECT_EQ(camera.os[0].accuracy, 96);
  EXPECT_EQ(hosts[1].ports[1].extrainfo, "SNMPv1 server; net-snmp SNMPv3 server (public)");
  EXPECT_EQ(hosts[1].ports[2].state, "filtered");
  EXPECT_FALSE(hosts[1].ports[2].is_open());
  EXPECT_FALSE(hosts[4].is_up());
  EXPECT_EQ(hosts[5].ipv6, "2001:db8::5");
  EXPECT_EQ(hosts[5].address(), "2001:db8::5");
}

TEST(NmapXml, ReadsTheSameWhateverTheChunkBoundaries) {
  std::ifstream in(kData + "lab.xml", std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Padding the document past one 64 KiB read puts a read boundary inside it.
  std::string padded = text;
  padded.insert(padded.find("<nmaprun"), std::string(70000, ' '));
  std::vector<Host> once;
  std::vector<Host> split;
  ASSERT_TRUE(read_text(text, once));
  ASSERT_TRUE(read_text(padded, split));
  ASSERT_EQ(once.size(), split.size());
  for (std::size_t i = 0; i < once.size(); ++i) {
    EXPECT_EQ(once[i].address(), split[i].address());
    EXPECT_EQ(once[i].ports.size(), split[i].ports.size());
  }
}

TEST(NmapXml, ATruncatedScanIsALocatedError) {
  std::vector<Host> hosts;
  auto summary = read_file("truncated.xml", hosts);
  ASSERT_FALSE(summary);
  EXPECT_EQ(summary.error().kind, ErrorKind::kInput);
  EXPECT_NE(summary.error().message.find("truncated.xml:"), std::string::npos);
  EXPECT_NE(summary.error().message.find("ends early"), std::string::npos)
      << summary.error().message;
}

TEST(NmapXml, OtherXmlIsRefusedAtItsRoot) {
  std::vector<Host> hosts;
  auto summary = read_file("not-nmap.xml", hosts);
  ASSERT_FALSE(summary);
  EXPECT_NE(summary.error().message.find("not-nmap.xml:2:1: not nmap XML output"),
            std::string::npos)
      << summary.error().message;
}

TEST(NmapXml, BadPortsEmptyFilesAndEntitiesAreRefused) {
  std::vector<Host> hosts;
  auto bad_port = read_text(
      "<nmaprun>\n<host><status state=\"up\"/>\n<ports><port protocol=\"tcp\" portid=\"99999\"/>"
      "</ports></host></nmaprun>",
      hosts);
  ASSERT_FALSE(bad_port);
  EXPECT_NE(bad_port.error().message.find("scan.xml:3:"), std::string::npos);
  EXPECT_NE(bad_port.error().message.find("portid '99999'"), std::string::npos);

  auto empty = read_text("", hosts);
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message.find("the file is empty"), std::string::npos);

  auto entity = read_text(
      "<!DOCTYPE nmaprun [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
      "<nmaprun>&b;</nmaprun>",
      hosts);
  ASSERT_FALSE(entity);
  EXPECT_NE(entity.error().message.find("entity declaration 'a' is not accepted"),
            std::string::npos)
      << entity.error().message;
  EXPECT_TRUE(hosts.empty());
}

// More hosts than the reader holds ahead of its caller.
std::string many_hosts(std::size_t count, std::string_view tail) {
  std::string xml = "<nmaprun version=\"7.93\">\n";
  for (std::size_t i = 0; i < count; ++i) {
    xml += "<host><status state=\"up\"/><address addr=\"10.0." + std::to_string(i / 250) + "." +
           std::to_string(i % 250) + "\" addrtype=\"ipv4\"/></host>\n";
  }
  return xml + std::string(tail);
}

TEST(NmapXmlReader, HandsOverEveryHostInOrderWhenReadLate) {
  const std::size_t count = NmapXmlReader::kAhead + 1000;
  std::istringstream in(many_hosts(count, "</nmaprun>\n"));
  NmapXmlReader reader(in, "big.xml");
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the parser runs ahead, then waits
  std::size_t seen = 0;
  bool in_order = true;
  auto summary = reader.read([&](Host&& host) {
    in_order = in_order &&
               host.ipv4 == "10.0." + std::to_string(seen / 250) + "." + std::to_string(seen % 250);
    ++seen;
  });
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(seen, count);
  EXPECT_TRUE(in_order);
  EXPECT_EQ(summary->hosts, count);
}

TEST(NmapXmlReader, ReportsAnErrorAfterTheHostsBeforeIt) {
  const std::size_t count = 3 * NmapXmlReader::kAhead + 100;  // the last batch is not full
  std::istringstream in(many_hosts(count, "<host><port portid=\"x\"/>"));
  std::size_t seen = 0;
  auto summary = NmapXmlReader(in, "bad.xml").read([&](Host&&) { ++seen; });
  ASSERT_FALSE(summary);
  EXPECT_NE(summary.error().message.find("bad.xml:"), std::string::npos);
  EXPECT_NE(summary.error().message.find("portid 'x'"), std::string::npos);
  EXPECT_EQ(seen, count);  // every host before the broken one
}

TEST(NmapXmlReader, StopsWhenDroppedUnread) {
  std::istringstream in(many_hosts(3 * NmapXmlReader::kAhead, "</nmaprun>\n"));
  {
    NmapXmlReader reader(in, "dropped.xml");
  }  // returns: the parser is not left waiting
  EXPECT_FALSE(in.eof());  // and it read no further than it had to
}

TEST(NmapXmlReader, StopsWhenTheCallerThrows) {
  std::istringstream in(many_hosts(3 * NmapXmlReader::kAhead, "</nmaprun>\n"));
  NmapXmlReader reader(in, "thrown.xml");
  bool thrown = false;
  try {
    const auto summary = reader.read([](Host&&) { throw std::runtime_error("caller"); });
    ADD_FAILURE() << "read returned: " << summary.has_value();
  } catch (const std::runtime_error&) {
    thrown = true;
  }
  EXPECT_TRUE(thrown);  // and the reader, dropped, stops its parser
}

}  // namespace
}  // namespace etguard::iot
