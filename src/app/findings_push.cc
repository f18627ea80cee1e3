#include "app/findings_push.h"

#include <fmt/format.h>

#include "checks/findings_document.h"
#include "checks/output.h"
#include "push/push.h"

namespace etguard::app {
namespace {

using PushJson = nlohmann::ordered_json;

constexpr std::size_t kMaxPartBytes = std::size_t{24} << 20U;

// The findings in parts whose documents stay under kMaxPartBytes.
std::vector<FindingsImport> parts_of(const FindingsImport& request) {
  std::vector<FindingsImport> parts;
  std::size_t bytes = 0;
  for (const check::Finding& finding : request.findings) {
    const std::size_t size = check::finding_json(finding).dump().size();
    if (parts.empty() || (bytes + size > kMaxPartBytes && !parts.back().findings.empty())) {
      parts.push_back({{}, request.object, request.period_from, request.period_to});
      bytes = 0;
    }
    parts.back().findings.push_back(finding);
    bytes += size;
  }
  return parts;
}

ErrorKind kind_of_status(long status) {
  if (status == 401 || status == 403) {
    return ErrorKind::kDenied;
  }
  if (status == 404) {
    return ErrorKind::kNotFound;
  }
  return status >= 400 && status < 500 ? ErrorKind::kUsage : ErrorKind::kIo;
}

}  // namespace

PushJson findings_push_json(const FindingsImport& request) {
  return check::findings_document_json(
      {request.object, request.period_from, request.period_to, request.findings});
}

Result<FindingsImport> parse_findings_push(std::string_view body, std::string_view source) {
  auto read = check::parse_findings_document(body, source);
  if (!read) {
    return std::unexpected(read.error());
  }
  return FindingsImport{std::move(read->findings), std::move(read->object),
                        std::move(read->period_from), std::move(read->period_to)};
}

PushJson findings_imported_json(const FindingsImported& imported) {
  PushJson ids = PushJson::array();
  for (const assess::Evidence& record : imported.added) {
    ids.push_back(record.id);
  }
  return {{"schema", "etguard.findings_imported"},
          {"version", "1.0"},
          {"added", imported.added.size()},
          {"skipped", imported.skipped},
          {"evidence", std::move(ids)}};
}

Result<FindingsPushed> push_findings(const PushTarget& target, const FindingsImport& request) {
  auto token = push::read_token_file(target.token_file);
  if (!token) {
    return std::unexpected(token.error());
  }
  const push::Server server{
      .url = target.url, .token = std::move(*token), .ca_file = target.ca_file};
  FindingsPushed pushed;
  for (const FindingsImport& part : parts_of(request)) {
    auto answer = push::post_json(
        server, "/api/findings",
        findings_push_json(part).dump(-1, ' ', false, PushJson::error_handler_t::replace));
    const std::string sent_before =
        pushed.parts == 0 ? std::string()
                          : fmt::format(" ({} earlier parts were recorded)", pushed.parts);
    const std::string sent_before_zh =
        pushed.parts == 0 ? std::string() : fmt::format("（先前 {} 部分已記錄）", pushed.parts);
    if (!answer) {
      return fail(answer.error().kind, answer.error().message + sent_before,
                  answer.error().message_zh + sent_before_zh);
    }
    const PushJson reply = PushJson::parse(answer->body, nullptr, false);
    if (answer->status != 200) {
      const std::string said =
          reply.is_object() && reply.contains("error") && reply["error"].is_string()
              ? reply["error"].get<std::string>()
              : std::string("(no etguard answer)");
      return fail(kind_of_status(answer->status),
                  fmt::format("{} refused the findings (HTTP {}): {}{}", target.url, answer->status,
                              said, sent_before),
                  fmt::format("{} 拒絕了發現事項（HTTP {}）：{}{}", target.url, answer->status,
                              said, sent_before_zh));
    }
    if (!reply.is_object() || !reply.value("added", PushJson()).is_number_unsigned() ||
        !reply.value("skipped", PushJson()).is_number_integer()) {
      return fail(ErrorKind::kIo,
                  fmt::format("{} answered, but not as etguard does{}", target.url, sent_before),
                  fmt::format("{} 有回應，但不是 etguard 之回應{}", target.url, sent_before_zh));
    }
    pushed.added += reply["added"].get<int>();
    pushed.skipped += reply["skipped"].get<int>();
    ++pushed.parts;
  }
  return pushed;
}

}  // namespace etguard::app
