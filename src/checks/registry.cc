#include "checks/registry.h"

#include "checks/ai/chatbot_disclosure/check.h"
#include "checks/ai/chatbot_scope/check.h"
#include "checks/ai/chatbot_security/check.h"
#include "checks/ai/fairness/check.h"
#include "checks/ai/genai_prompts/check.h"
#include "checks/ai/model_documentation/check.h"
#include "checks/ai/periodic_review/check.h"
#include "checks/ai/prelaunch_assessment/check.h"
#include "checks/ai/risk_assessment/check.h"
#include "checks/ai/sensitive_parameters/check.h"
#include "checks/authlog/daily_monitoring/check.h"
#include "checks/authlog/lockout/check.h"
#include "checks/authlog/multi_factor/check.h"
#include "checks/authlog/notification/check.h"
#include "checks/authlog/password_age/check.h"
#include "checks/cloud/access/check.h"
#include "checks/cloud/backup/check.h"
#include "checks/cloud/encryption/check.h"
#include "checks/cloud/keys/check.h"
#include "checks/cloud/location/check.h"
#include "checks/cloud/logging/check.h"
#include "checks/cloud/posture/check.h"
#include "checks/cloud/threats/check.h"
#include "checks/iot/default_credentials/check.h"
#include "checks/iot/exposure/check.h"
#include "checks/iot/inventory/check.h"
#include "checks/iot/known_vulnerable/check.h"
#include "checks/iot/services/check.h"
#include "checks/iot/tls/check.h"
#include "checks/iot/updates/check.h"
#include "checks/mobile/build/check.h"
#include "checks/mobile/components/check.h"
#include "checks/mobile/lab_test/check.h"
#include "checks/mobile/network/check.h"
#include "checks/mobile/permissions/check.h"
#include "checks/mobile/secrets/check.h"
#include "checks/mobile/signing/check.h"
#include "checks/mobile/tamper_detection/check.h"
#include "checks/pii/sensitive_data/check.h"
#include "checks/tls/certificate/check.h"
#include "checks/tls/cipher/check.h"
#include "checks/tls/handshake_signature/check.h"
#include "checks/tls/key_exchange/check.h"
#include "checks/tls/protocol/check.h"

namespace etguard::checks {
namespace {

namespace tc = tls_checks;

constexpr tc::TlsCheck kTlsChecks[] = {
    {&tc::protocol::metadata, &tc::protocol::evaluate},
    {&tc::key_exchange::metadata, &tc::key_exchange::evaluate},
    {&tc::cipher::metadata, &tc::cipher::evaluate},
    {&tc::certificate::metadata, &tc::certificate::evaluate},
    {&tc::handshake_signature::metadata, &tc::handshake_signature::evaluate},
};

namespace pc = pii_checks;

constexpr pc::PiiCheck kPiiChecks[] = {
    {&pc::sensitive_data::metadata, &pc::sensitive_data::evaluate},
};

namespace ac = authlog_checks;

constexpr ac::AuthlogCheck kAuthlogChecks[] = {
    {&ac::lockout::metadata, &ac::lockout::evaluate},
    {&ac::multi_factor::metadata, &ac::multi_factor::evaluate},
    {&ac::password_age::metadata, &ac::password_age::evaluate},
    {&ac::notification::metadata, &ac::notification::evaluate},
    {&ac::daily_monitoring::metadata, &ac::daily_monitoring::evaluate},
};

namespace aic = ai_checks;

constexpr aic::AiCheck kAiChecks[] = {
    {&aic::fairness::metadata, &aic::fairness::evaluate},
    {&aic::sensitive_parameters::metadata, &aic::sensitive_parameters::evaluate},
    {&aic::genai_prompts::metadata, &aic::genai_prompts::evaluate},
    {&aic::chatbot_disclosure::metadata, &aic::chatbot_disclosure::evaluate},
    {&aic::chatbot_security::metadata, &aic::chatbot_security::evaluate},
    {&aic::chatbot_scope::metadata, &aic::chatbot_scope::evaluate},
    {&aic::risk_assessment::metadata, &aic::risk_assessment::evaluate},
    {&aic::periodic_review::metadata, &aic::periodic_review::evaluate},
    {&aic::prelaunch_assessment::metadata, &aic::prelaunch_assessment::evaluate},
    {&aic::model_documentation::metadata, &aic::model_documentation::evaluate},
};

namespace ic = iot_checks;

constexpr ic::IotCheck kIotChecks[] = {
    {&ic::inventory::metadata, &ic::inventory::evaluate},
    {&ic::services::metadata, &ic::services::evaluate},
    {&ic::tls::metadata, &ic::tls::evaluate},
    {&ic::updates::metadata, &ic::updates::evaluate},
    {&ic::exposure::metadata, &ic::exposure::evaluate},
    {&ic::default_credentials::metadata, &ic::default_credentials::evaluate},
    {&ic::known_vulnerable::metadata, &ic::known_vulnerable::evaluate},
};

namespace mc = mobile_checks;

constexpr mc::AppCheck kAppChecks[] = {
    {&mc::permissions::metadata, &mc::permissions::evaluate},
    {&mc::signing::metadata, &mc::signing::evaluate},
    {&mc::build::metadata, &mc::build::evaluate},
    {&mc::network::metadata, &mc::network::evaluate},
    {&mc::components::metadata, &mc::components::evaluate},
    {&mc::secrets::metadata, &mc::secrets::evaluate},
    {&mc::tamper_detection::metadata, &mc::tamper_detection::evaluate},
    {&mc::lab_test::metadata, &mc::lab_test::evaluate},
};

namespace cc = cloud_checks;

constexpr cc::CloudCheck kCloudChecks[] = {
    {&cc::encryption::metadata, &cc::encryption::evaluate},
    {&cc::keys::metadata, &cc::keys::evaluate},
    {&cc::access::metadata, &cc::access::evaluate},
    {&cc::logging::metadata, &cc::logging::evaluate},
    {&cc::threats::metadata, &cc::threats::evaluate},
    {&cc::posture::metadata, &cc::posture::evaluate},
    {&cc::backup::metadata, &cc::backup::evaluate},
    {&cc::location::metadata, &cc::location::evaluate},
};

}  // namespace

std::span<const tls_checks::TlsCheck> tls_checks() {
  return kTlsChecks;
}

std::span<const pii_checks::PiiCheck> pii_checks() {
  return kPiiChecks;
}

std::span<const authlog_checks::AuthlogCheck> authlog_checks() {
  return kAuthlogChecks;
}

std::span<const ai_checks::AiCheck> ai_checks() {
  return kAiChecks;
}

const check::CheckInfo* authlog_check_for(std::string_view type) {
  const authlog::DailySummary summary;
  std::vector<authlog::Finding> findings(1);
  findings.front().type = std::string(type);
  const authlog_checks::DayResult day{&findings, &summary, 1, 0};
  for (const authlog_checks::AuthlogCheck& entry : kAuthlogChecks) {
    if (!entry.evaluate(day).reasons.empty()) {
      return &entry.metadata();
    }
  }
  return nullptr;
}

std::span<const iot_checks::IotCheck> iot_checks() {
  return kIotChecks;
}

std::span<const mobile_checks::AppCheck> mobile_checks() {
  return kAppChecks;
}

std::span<const cloud_checks::CloudCheck> cloud_checks() {
  return kCloudChecks;
}

std::vector<const check::CheckInfo*> all_checks() {
  std::vector<const check::CheckInfo*> infos;
  for (const tls_checks::TlsCheck& entry : kTlsChecks) {
    infos.push_back(&entry.metadata());
  }
  for (const pii_checks::PiiCheck& entry : kPiiChecks) {
    infos.push_back(&entry.metadata());
  }
  for (const authlog_checks::AuthlogCheck& entry : kAuthlogChecks) {
    infos.push_back(&entry.metadata());
  }
  for (const ai_checks::AiCheck& entry : kAiChecks) {
    infos.push_back(&entry.metadata());
  }
  for (const iot_checks::IotCheck& entry : kIotChecks) {
    infos.push_back(&entry.metadata());
  }
  for (const mobile_checks::AppCheck& entry : kAppChecks) {
    infos.push_back(&entry.metadata());
  }
  for (const cloud_checks::CloudCheck& entry : kCloudChecks) {
    infos.push_back(&entry.metadata());
  }
  return infos;
}

}  // namespace etguard::checks
