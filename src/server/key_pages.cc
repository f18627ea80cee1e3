#include "server/key_pages.h"

#include <fmt/format.h>

#include "core/text.h"

namespace etguard::server {
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    out += (out.empty() ? "" : ",") + item;
  }
  return out;
}

std::string keys_table(Lang lang, const std::vector<workspace::SecurityKey>& keys,
                       std::string_view csrf, bool fresh) {
  if (keys.empty()) {
    return fmt::format(R"(<p class="meta">{}</p>)",
                       t(lang, "No security key yet: you log in with the authenticator code.",
                         "尚無安全金鑰：您以驗證碼登入。"));
  }
  std::string rows;
  for (const workspace::SecurityKey& key : keys) {
    const std::string remove =
        fresh
            ? fmt::format(
                  R"(<form method="post" action="/security-keys/remove"><input type="hidden" name="csrf" value="{}"><input type="hidden" name="id" value="{}"><button type="submit">{}</button></form>)",
                  escape_html(csrf), escape_html(key.id), t(lang, "Remove", "移除"))
            : std::string();
    rows += fmt::format(
        R"(<tr><td>{}</td><td><code>{}…</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>)",
        escape_html(key.name), escape_html(key.id.substr(0, 16)), escape_html(key.rp_id),
        escape_html(key.added_at.substr(0, 10)), key.sign_count, remove);
  }
  return fmt::format(
      R"(<table><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
      t(lang, "Your security keys", "您的安全金鑰"), t(lang, "Name", "名稱"),
      t(lang, "Credential", "憑證"), t(lang, "Site", "網站"), t(lang, "Added", "加入日"),
      t(lang, "Signature count", "簽章次數"), t(lang, "Remove", "移除"), rows);
}

std::string add_form(Lang lang, std::string_view csrf) {
  return fmt::format(
      R"(<section aria-labelledby="add"><h2 id="add">{}</h2>
<form id="key-add" class="edit" method="post" action="/security-keys/add"><input type="hidden" name="csrf" value="{}">{}<button type="submit">{}</button></form>
<p id="key-add-problem" class="problem" role="alert" hidden></p>
<p class="advice">{}</p><noscript><p class="meta">{}</p></noscript></section><script src="/static/security-keys.js" defer></script>)",
      t(lang, "Add a security key", "加入安全金鑰"), escape_html(csrf),
      text_field("key_name", t(lang, "What you call it (blue YubiKey)", "名稱（如藍色 YubiKey）"),
                 ""),
      t(lang, "Add the key", "加入金鑰"),
      t(lang,
        "Your browser asks you to touch the key. From then on, leave the code empty at the login "
        "to use the key instead; the authenticator code keeps working.",
        "瀏覽器會請您觸碰金鑰。之後登入時驗證碼留空即可改用金鑰；驗證碼仍可使用。"),
      t(lang, "Adding a key needs JavaScript (the browser's WebAuthn).",
        "加入金鑰需啟用 JavaScript（瀏覽器之 WebAuthn）。"));
}

}  // namespace

std::string security_keys_page(const Frame& frame, const std::vector<workspace::SecurityKey>& keys,
                               bool fresh, std::string_view notice, std::string_view problem) {
  const Lang lang = frame.lang;
  const std::string csrf = frame.session != nullptr ? frame.session->csrf : std::string();
  return layout(frame, t(lang, "Security keys", "安全金鑰"),
                fmt::format(R"(<h1>{}</h1>{}{}{})", t(lang, "Security keys", "安全金鑰"),
                            said(notice, problem), keys_table(lang, keys, csrf, fresh),
                            fresh ? add_form(lang, csrf)
                                  : reauth_form(lang, csrf, "/security-keys",
                                                t(lang, "Adding or removing a security key",
                                                  "加入或移除安全金鑰"))));
}

std::string key_login_page(const Frame& frame, std::string_view name,
                           const app::KeyLoginChallenge& challenge) {
  const Lang lang = frame.lang;
  return layout(frame, t(lang, "Log in", "登入"),
                fmt::format(
                    R"(<section class="login"><h1>{}</h1><p>{}</p>
<form id="key-login" method="post" action="/login/key" data-challenge="{}" data-rp="{}" data-credentials="{}">
<input type="hidden" name="handle" value="{}"><input type="hidden" name="name" value="{}">
<input type="hidden" name="credential_id"><input type="hidden" name="client_data"><input type="hidden" name="authenticator_data"><input type="hidden" name="signature">
<button id="key-go" type="button">{}</button></form>
<p id="key-login-problem" class="problem" role="alert" hidden></p>
<p class="hint"><a href="/login?name={}">{}</a></p><noscript><p class="meta">{}</p></noscript></section><script src="/static/security-keys.js" defer></script>)",
                    t(lang, "Touch your security key", "請觸碰您的安全金鑰"),
                    t(lang, "Your password was accepted. Confirm with one of your security keys.",
                      "密碼正確。請以您的安全金鑰之一確認。"),
                    escape_html(challenge.challenge), escape_html(challenge.rp_id),
                    escape_html(joined(challenge.credentials)), escape_html(challenge.handle),
                    escape_html(name), t(lang, "Use the security key", "使用安全金鑰"),
                    escape_html(url_encode(name)),
                    t(lang, "Log in with the authenticator code instead", "改以驗證碼登入"),
                    t(lang, "A security key needs JavaScript (the browser's WebAuthn).",
                      "安全金鑰需啟用 JavaScript（瀏覽器之 WebAuthn）。")));
}

nlohmann::ordered_json security_keys_json(const std::vector<workspace::SecurityKey>& keys,
                                          bool fresh) {
  nlohmann::ordered_json listed = nlohmann::ordered_json::array();
  for (const workspace::SecurityKey& key : keys) {
    listed.push_back({{"id", key.id},
                      {"name", key.name},
                      {"rp_id", key.rp_id},
                      {"algorithm", key.algorithm},
                      {"sign_count", key.sign_count},
                      {"added_at", key.added_at}});
  }
  return {{"schema", "etguard.security_keys"},
          {"version", "1.0"},
          {"fresh", fresh},
          {"keys", std::move(listed)}};
}

nlohmann::ordered_json key_options_json(const app::KeyRegistrationOptions& options) {
  return {{"schema", "etguard.security_key_options"}, {"version", "1.0"},
          {"challenge", options.challenge},           {"rp_id", options.rp_id},
          {"user_handle", options.user_handle},       {"user_name", options.user_name},
          {"user_display", options.user_display},     {"exclude", options.exclude}};
}

std::string_view security_keys_script() {
  return R"js(// Security keys: the server's challenge to the browser's WebAuthn, the
// answer back as hex.
const fromHex = (hex) => Uint8Array.from(hex.match(/../g) || [], (b) => parseInt(b, 16));
const toHex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
const tell = (id, text) => { const p = document.getElementById(id); p.textContent = text; p.hidden = false; };

const login = document.getElementById("key-login");
if (login) {
  const go = async () => {
    try {
      const credential = await navigator.credentials.get({ publicKey: {
        challenge: fromHex(login.dataset.challenge), rpId: login.dataset.rp, timeout: 120000,
        userVerification: "preferred",
        allowCredentials: login.dataset.credentials.split(",").map((id) => ({ type: "public-key", id: fromHex(id) })),
      } });
      const answer = credential.response;
      login.elements.credential_id.value = toHex(credential.rawId);
      login.elements.client_data.value = toHex(answer.clientDataJSON);
      login.elements.authenticator_data.value = toHex(answer.authenticatorData);
      login.elements.signature.value = toHex(answer.signature);
      login.submit();
    } catch (error) {
      tell("key-login-problem", `${error.name}: ${error.message}`);
    }
  };
  document.getElementById("key-go").addEventListener("click", go);
  go();
}

const add = document.getElementById("key-add");
if (add) {
  add.addEventListener("submit", async (event) => {
    event.preventDefault();
    const headers = { "Content-Type": "application/json", "X-CSRF-Token": add.elements.csrf.value };
    const refused = async (response) => (await response.json()).error || response.statusText;
    try {
      const asked = await fetch("/api/security-keys/options", { method: "POST", headers, body: "{}" });
      if (!asked.ok) { tell("key-add-problem", await refused(asked)); return; }
      const options = await asked.json();
      const credential = await navigator.credentials.create({ publicKey: {
        challenge: fromHex(options.challenge), rp: { id: options.rp_id, name: "etguard" },
        user: { id: fromHex(options.user_handle), name: options.user_name, displayName: options.user_display || options.user_name },
        pubKeyCredParams: [-7, -8, -257].map((alg) => ({ type: "public-key", alg })),
        excludeCredentials: options.exclude.map((id) => ({ type: "public-key", id: fromHex(id) })),
        authenticatorSelection: { userVerification: "preferred", residentKey: "discouraged" },
        attestation: "none", timeout: 120000,
      } });
      const made = credential.response;
      const sent = await fetch("/api/security-keys/add", { method: "POST", headers, body: JSON.stringify({
        name: add.elements.key_name.value, credential_id: toHex(credential.rawId),
        client_data: toHex(made.clientDataJSON), authenticator_data: toHex(made.getAuthenticatorData()),
        public_key: toHex(made.getPublicKey()), algorithm: String(made.getPublicKeyAlgorithm()),
      }) });
      if (!sent.ok) { tell("key-add-problem", await refused(sent)); return; }
      const [key] = (await sent.json()).keys;
      location.assign(`/security-keys?done=${encodeURIComponent(key.name)}`);
    } catch (error) {
      tell("key-add-problem", `${error.name}: ${error.message}`);
    }
  });
}
)js";
}

}  // namespace etguard::server
