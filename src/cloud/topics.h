// What a cloud posture finding can speak to: eight topics, each the subject
// of one check (src/checks/cloud/<topic>/) and each allowed to claim only
// the clauses listed here. The mappings (src/cloud/mappings/*.yaml) assign
// every tool check to one topic and some of its clauses; the mapping
// compiler (tools/cloud-mapc) refuses a clause outside the topic's list.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace etguard::cloud {

enum class Topic {
  kEncryption,  // customer data encrypted in transit and at rest
  kKeys,        // self-managed keys, kept apart
  kAccess,      // least privilege, MFA for privileged accounts, internet-facing access
  kLogging,     // audit trails retained, centralised, encrypted
  kThreats,     // threat and vulnerability detection and management
  kPosture,     // ports, protocols and services; images; VMs and containers; configuration
  kBackup,      // backups and their protection
  kLocation,    // where data is processed and stored (judged from the findings' regions)
};

struct TopicInfo {
  Topic topic;
  std::string_view name;     // "encryption": the mapping's spelling, and cloud.<name>
  std::string_view clauses;  // space-separated requirement IDs it may claim
};

inline constexpr std::array kTopics{
    TopicInfo{Topic::kEncryption, "encryption", "ET-8.1.1 ET-8.6.2 ET-8.7.1"},
    TopicInfo{Topic::kKeys, "keys", "ET-8.1.1 ET-8.7.3 ET-8.7.4"},
    TopicInfo{Topic::kAccess, "access", "ET-8.2.1 ET-8.2.2 ET-8.2.3 ET-8.6.4"},
    TopicInfo{Topic::kLogging, "logging", "ET-8.3.1 ET-8.3.4 ET-8.3.5 ET-8.7.6"},
    TopicInfo{Topic::kThreats, "threats", "ET-8 ET-8.3.2 ET-8.3.3 ET-8.4.4"},
    TopicInfo{Topic::kPosture, "posture", "ET-8 ET-8.4.1 ET-8.4.2 ET-8.5"},
    TopicInfo{Topic::kBackup, "backup", "ET-9.3"},
    TopicInfo{Topic::kLocation, "location", "ET-8.6.3.1 ET-8.6.3.3"},
};

constexpr const TopicInfo& topic_info(Topic topic) {
  return kTopics.at(static_cast<std::size_t>(topic));
}

constexpr std::optional<Topic> topic_named(std::string_view name) {
  for (const TopicInfo& info : kTopics) {
    if (info.name == name) {
      return info.topic;
    }
  }
  return std::nullopt;
}

}  // namespace etguard::cloud
