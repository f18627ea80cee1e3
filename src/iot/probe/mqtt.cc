// MQTT (3.1.1) through libmosquitto: a CONNECT, and the broker's CONNACK.
// Return code 0 lets the client in; 4 (bad user name or password) and 5
// (not authorised) refuse it.
#include <fmt/format.h>
#include <mosquitto.h>

#include <memory>
#include <mutex>

#include "iot/probe/login_loop.h"

namespace etguard::iot::probe {
namespace {

struct Connack {
  bool received = false;
  int code = -1;
};

void on_connect(mosquitto* /*client*/, void* state, int code) {
  auto* connack = static_cast<Connack*>(state);
  connack->received = true;
  connack->code = code;
}

LoginResult mqtt_login(const Target& target, const Credential* credential,
                       const ProbeLimits& limits) {
  static std::once_flag initialised;
  std::call_once(initialised, [] { mosquitto_lib_init(); });
  Connack connack;
  const std::unique_ptr<mosquitto, decltype(&mosquitto_destroy)> client(
      mosquitto_new(nullptr, true, &connack), &mosquitto_destroy);
  if (!client) {
    return {Login::kUnclear, "libmosquitto could not make a client"};
  }
  mosquitto_connect_callback_set(client.get(), &on_connect);
  if (credential != nullptr) {
    mosquitto_username_pw_set(client.get(), credential->user.c_str(), credential->password.c_str());
  }
  const auto deadline = std::chrono::steady_clock::now() + limits.timeout;
  int status =
      mosquitto_connect_async(client.get(), target.address.c_str(), target.port.number, 30);
  if (status != MOSQ_ERR_SUCCESS && status != MOSQ_ERR_CONN_PENDING) {
    return {Login::kUnreachable, mosquitto_strerror(status)};
  }
  while (!connack.received && std::chrono::steady_clock::now() < deadline) {
    status = mosquitto_loop(client.get(), 50, 1);
    if (status != MOSQ_ERR_SUCCESS && !connack.received) {
      return {Login::kUnreachable, mosquitto_strerror(status)};
    }
  }
  if (!connack.received) {
    return {Login::kUnreachable, "no CONNACK within the timeout"};
  }
  mosquitto_disconnect(client.get());
  switch (connack.code) {
    case 0:
      return {Login::kAccepted, "CONNACK 0 (accepted)"};
    case 4:
    case 5:
      return {Login::kRefused,
              fmt::format("CONNACK {} ({})", connack.code, mosquitto_connack_string(connack.code))};
    default:
      return {Login::kUnclear,
              fmt::format("CONNACK {} ({})", connack.code, mosquitto_connack_string(connack.code))};
  }
}

}  // namespace

ProbeOutcome probe_mqtt(const Target& target, Credentials credentials, const ProbeLimits& limits,
                        Pacer& pacer) {
  return run_logins("mqtt", target, credentials, pacer, true, [&](const Credential* credential) {
    return mqtt_login(target, credential, limits);
  });
}

}  // namespace etguard::iot::probe
