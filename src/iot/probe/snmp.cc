// SNMP through net-snmp: a v2c GET of sysDescr.0 with each listed
// community. An agent answers a community it accepts and stays silent on one
// it does not, so a timeout counts as a refusal; SNMP has no login without a
// community.
#include <fmt/format.h>
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <mutex>

#include "iot/probe/login_loop.h"

namespace etguard::iot::probe {
namespace {

void initialise_net_snmp() {
  static std::once_flag initialised;
  std::call_once(initialised, [] {
    // The transports alone: init_snmp would read this machine's
    // configuration and MIB files and write its persistent directory. The
    // probe's OID is numeric and nothing of net-snmp is logged.
    snmp_disable_log();
    netsnmp_tdomain_init();
  });
}

LoginResult snmp_login(const Target& target, const Credential& credential,
                       const ProbeLimits& limits) {
  initialise_net_snmp();
  const bool v6 = target.address.find(':') != std::string::npos;
  std::string peer = v6 ? fmt::format("udp6:[{}]:{}", target.address, target.port.number)
                        : fmt::format("udp:{}:{}", target.address, target.port.number);
  std::string community = credential.password;
  netsnmp_session settings;
  snmp_sess_init(&settings);
  settings.peername = peer.data();
  settings.version = SNMP_VERSION_2c;
  settings.community = reinterpret_cast<u_char*>(community.data());
  settings.community_len = community.size();
  settings.timeout = static_cast<long>(
      std::chrono::duration_cast<std::chrono::microseconds>(limits.timeout).count());
  settings.retries = 0;
  void* session = snmp_sess_open(&settings);
  if (session == nullptr) {
    return {Login::kUnreachable, fmt::format("net-snmp cannot open {}", peer)};
  }
  static constexpr oid kSysDescr[] = {1, 3, 6, 1, 2, 1, 1, 1, 0};
  netsnmp_pdu* request = snmp_pdu_create(SNMP_MSG_GET);
  snmp_add_null_var(request, kSysDescr, std::size(kSysDescr));
  netsnmp_pdu* response = nullptr;
  const int status = snmp_sess_synch_response(session, request, &response);
  LoginResult result;
  if (status == STAT_SUCCESS && response != nullptr && response->errstat == SNMP_ERR_NOERROR) {
    result = {Login::kAccepted, "GET sysDescr.0 answered (v2c)"};
  } else if (status == STAT_TIMEOUT) {
    result = {Login::kRefused, "no answer (an agent ignores a community it does not accept)"};
  } else if (status == STAT_SUCCESS && response != nullptr) {
    result = {Login::kUnclear, fmt::format("GET answered with error status {}", response->errstat)};
  } else {
    result = {Login::kUnclear, "the GET could not be sent"};
  }
  if (response != nullptr) {
    snmp_free_pdu(response);
  }
  snmp_sess_close(session);
  return result;
}

}  // namespace

ProbeOutcome probe_snmp(const Target& target, Credentials credentials, const ProbeLimits& limits,
                        Pacer& pacer) {
  return run_logins("snmp", target, credentials, pacer, false, [&](const Credential* credential) {
    return snmp_login(target, *credential, limits);
  });
}

}  // namespace etguard::iot::probe
