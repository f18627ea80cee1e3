// SSH (RFC 4252) through libssh: a fresh connection for each credential, the
// user's password by the "password" method, else answered to each hidden
// prompt of "keyboard-interactive" (as devices with PAM ask for it). Success
// lets the client in; a denial refuses it. A server offering neither method,
// or asking for a further factor after the password, is not judged.
// libssh reads no configuration file here, trusts no known_hosts (a probe
// never writes one) and logs nothing.
#include <fmt/format.h>
#include <libssh/libssh.h>

#include <memory>
#include <mutex>

#include "iot/probe/login_loop.h"

namespace etguard::iot::probe {
namespace {

using Session = std::unique_ptr<ssh_session_struct, decltype(&ssh_free)>;

Session open_session(const Target& target, const Credential& credential,
                     const ProbeLimits& limits) {
  static std::once_flag initialised;
  std::call_once(initialised, [] { ssh_init(); });
  Session session(ssh_new(), &ssh_free);
  if (!session) {
    return session;
  }
  const unsigned int port = static_cast<unsigned int>(target.port.number);
  const long seconds = static_cast<long>(limits.timeout.count() / 1000);
  const long microseconds = static_cast<long>(limits.timeout.count() % 1000) * 1000;
  const int quiet = SSH_LOG_NOLOG;
  const bool no = false;
  ssh_session raw = session.get();
  ssh_options_set(raw, SSH_OPTIONS_LOG_VERBOSITY, &quiet);
  ssh_options_set(raw, SSH_OPTIONS_PROCESS_CONFIG, &no);
  ssh_options_set(raw, SSH_OPTIONS_KNOWNHOSTS, "/dev/null");
  ssh_options_set(raw, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null");
  ssh_options_set(raw, SSH_OPTIONS_HOST, target.address.c_str());
  ssh_options_set(raw, SSH_OPTIONS_PORT, &port);
  ssh_options_set(raw, SSH_OPTIONS_TIMEOUT, &seconds);
  ssh_options_set(raw, SSH_OPTIONS_TIMEOUT_USEC, &microseconds);
  ssh_options_set(raw, SSH_OPTIONS_USER, credential.user.c_str());
  return session;
}

LoginResult judged(int status, ssh_session session, std::string_view method) {
  switch (status) {
    case SSH_AUTH_SUCCESS:
      return {Login::kAccepted, fmt::format("{} accepted", method)};
    case SSH_AUTH_DENIED:
      return {Login::kRefused, fmt::format("{} denied", method)};
    case SSH_AUTH_PARTIAL:
      return {Login::kUnclear, fmt::format("{} accepted, and a further factor asked", method)};
    default:
      return {Login::kUnreachable, ssh_get_error(session)};
  }
}

LoginResult keyboard_interactive(ssh_session session, const Credential& credential) {
  int status = ssh_userauth_kbdint(session, nullptr, nullptr);
  for (int rounds = 0; status == SSH_AUTH_INFO && rounds < 4; ++rounds) {
    const int prompts = ssh_userauth_kbdint_getnprompts(session);
    for (int i = 0; i < prompts; ++i) {
      char echo = 0;
      ssh_userauth_kbdint_getprompt(session, static_cast<unsigned int>(i), &echo);
      // A hidden prompt asks for the password; a shown one (a user name, a
      // code) is answered empty, which a device asking it will refuse.
      ssh_userauth_kbdint_setanswer(session, static_cast<unsigned int>(i),
                                    echo != 0 ? "" : credential.password.c_str());
    }
    status = ssh_userauth_kbdint(session, nullptr, nullptr);
  }
  return judged(status, session, "keyboard-interactive");
}

LoginResult ssh_login(const Target& target, const Credential& credential,
                      const ProbeLimits& limits) {
  const Session session = open_session(target, credential, limits);
  if (!session) {
    return {Login::kUnclear, "libssh could not make a session"};
  }
  if (ssh_connect(session.get()) != SSH_OK) {
    return {Login::kUnreachable, ssh_get_error(session.get())};
  }
  const int none = ssh_userauth_none(session.get(), nullptr);
  LoginResult result;
  if (none == SSH_AUTH_SUCCESS) {
    result = {Login::kAccepted, "no authentication asked"};
  } else if (none == SSH_AUTH_ERROR) {
    result = {Login::kUnreachable, ssh_get_error(session.get())};
  } else {
    const auto methods = static_cast<unsigned int>(ssh_userauth_list(session.get(), nullptr));
    if ((methods & SSH_AUTH_METHOD_PASSWORD) != 0) {
      result = judged(ssh_userauth_password(session.get(), nullptr, credential.password.c_str()),
                      session.get(), "password");
    } else if ((methods & SSH_AUTH_METHOD_INTERACTIVE) != 0) {
      result = keyboard_interactive(session.get(), credential);
    } else {
      result = {Login::kUnclear, "no password login offered (public keys only)"};
    }
  }
  ssh_disconnect(session.get());
  return result;
}

}  // namespace

ProbeOutcome probe_ssh(const Target& target, Credentials credentials, const ProbeLimits& limits,
                       Pacer& pacer) {
  // No login without a user name: every attempt is a listed credential.
  return run_logins("ssh", target, credentials, pacer, false, [&](const Credential* credential) {
    return ssh_login(target, *credential, limits);
  });
}

}  // namespace etguard::iot::probe
