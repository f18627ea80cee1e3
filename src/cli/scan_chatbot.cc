// etguard scan chatbot --endpoint URL — a customer chatbot probed through
// its HTTP API (Art. 50, 51); docs/chatbot-probes.md.
#include "app/scan_chatbot.h"

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/finding_output.h"
#include "cli/progress.h"
#include "cli/scan_import.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

struct ChatbotOptions {
  app::ChatbotScanRequest request;
  std::string format = "table";
  std::string object;
  bool print_probes = false;
  bool print_template = false;
  bool import = false;
  app::PushTarget push;
};

Json probe_json(const chatbot::ProbeResult& result) {
  return {{"record", "probe"},
          {"format", "etguard.chatbot_probe"},
          {"version", "1.0"},
          {"id", result.id},
          {"kind", chatbot::to_string(result.kind)},
          {"lang", result.lang},
          {"verdict", chatbot::to_string(result.judgement.verdict)},
          {"reason", result.judgement.en},
          {"reason_zh", result.judgement.zh},
          {"answer", result.excerpt},
          {"seconds", result.seconds}};
}

Result<int> run_scan_chatbot(const Context& context, const ChatbotOptions& options) {
  if (options.print_probes || options.print_template) {
    print(std::string(options.print_probes ? app::default_chatbot_probes()
                                           : app::default_chatbot_template()));
    return kExitOk;
  }
  if (options.request.endpoint.empty()) {
    return usage_error("--endpoint URL is required", "須指定 --endpoint 網址");
  }
  const std::string format = context.json ? "jsonl" : options.format;
  if (format != "table" && format != "jsonl" && format != "ocsf") {
    return usage_error(fmt::format("unknown --format '{}'; use table, jsonl or ocsf", format),
                       fmt::format("未知的 --format '{}'；請用 table、jsonl 或 ocsf", format));
  }
  ProgressLine progress(format == "table");
  std::size_t probed = 0;
  auto run = app::scan_chatbot(options.request, [&](const chatbot::ProbeResult& result) {
    if (format == "jsonl") {
      print(probe_json(result).dump(-1, ' ', false, Json::error_handler_t::replace) + "\n");
    }
    progress.show(
        fmt::format("{} {} {}", ++probed, result.id, chatbot::to_string(result.judgement.verdict)));
  });
  progress.clear();
  if (!run) {
    return std::unexpected(run.error());
  }
  const std::vector<check::Finding> findings = app::chatbot_check_findings(*run);
  if (format == "table") {
    Table table({std::string(context.tr({.zh = "探測", .en = "PROBE"})),
                 std::string(context.tr({.zh = "結果", .en = "VERDICT"})),
                 std::string(context.tr({.zh = "理由", .en = "REASON"})),
                 std::string(context.tr({.zh = "回覆", .en = "ANSWER"}))});
    for (const chatbot::ProbeResult& result : run->results) {
      table.add({result.id, std::string(chatbot::to_string(result.judgement.verdict)),
                 context.lang == Lang::kZhTw ? result.judgement.zh : result.judgement.en,
                 result.excerpt});
    }
    print(fmt::format("{}: {} {}\n", run->endpoint, run->requests,
                      context.tr({.zh = "次請求", .en = "requests"})));
    print(table.render(terminal_width()));
    print(finding_verdicts(context, findings));
  } else if (format == "ocsf") {
    print(finding_lines(findings, format));
  }
  if (options.import || !options.push.url.empty()) {
    if (auto imported = import_scan_findings(context, {findings, options.object}, options.push);
        !imported) {
      return std::unexpected(imported.error());
    }
  }
  const auto any = [&](check::Verdict verdict) {
    return std::ranges::any_of(findings, [&](const check::Finding& finding) {
      return finding.assessment.verdict == verdict;
    });
  };
  if (any(check::Verdict::kError)) {
    return fail(ErrorKind::kInput, "some probes could not be sent or judged; see the reasons",
                "部分探測無法送出或判定；請見理由");
  }
  return any(check::Verdict::kFail) ? kExitFindings : kExitOk;
}

}  // namespace

void add_scan_chatbot(CLI::App& scan, Action& selected, const Help& help) {
  auto options = std::make_shared<ChatbotOptions>();
  CLI::App* command =
      scan.add_subcommand("chatbot", help("Probe a customer chatbot's HTTP API (Art. 50, 51)",
                                          "探測客服聊天機器人之 HTTP API（第五十條、第五十一條）"));
  command->add_option("--endpoint", options->request.endpoint,
                      help("the chatbot's URL (https://; http:// only on loopback)",
                           "聊天機器人之網址（https://；http:// 僅限本機）"));
  command->add_option("--template", options->request.template_file,
                      help("how to send a message and read the answer (YAML; see "
                           "--print-template); default: OpenAI chat completions",
                           "送出訊息與讀取回覆之方式（YAML；見 --print-template）；預設為 OpenAI "
                           "chat completions"));
  command->add_option("--probes", options->request.probes_file,
                      help("probes replacing the built-in ones (YAML; see --print-probes)",
                           "取代內建探測之 YAML 檔（見 --print-probes）"));
  command->add_flag("--print-probes", options->print_probes,
                    help("write the built-in probes and exit", "輸出內建探測後結束"));
  command->add_flag("--print-template", options->print_template,
                    help("write the default template and exit", "輸出預設範本後結束"));
  command->add_option("--canary", options->request.canary,
                      help("the canary string placed in the chatbot's system prompt",
                           "放置於聊天機器人系統提示詞中之金絲雀字串"));
  command
      ->add_option("--rate", options->request.rate,
                   help("requests per second at most", "每秒請求數上限"))
      ->capture_default_str();
  command
      ->add_option("--max-requests", options->request.max_requests,
                   help("requests at most", "請求次數上限"))
      ->capture_default_str();
  command
      ->add_option("--timeout", options->request.timeout_seconds,
                   help("seconds per request", "每次請求之逾時秒數"))
      ->capture_default_str();
  command->add_option("--ca-file", options->request.ca_file,
                      help("CA bundle for an endpoint whose CA is not a system one",
                           "端點之 CA 非系統內建時所用之 CA 檔"));
  command->add_option("--format", options->format, "table | jsonl | ocsf")->capture_default_str();
  command->add_flag("--import", options->import,
                    help("record the result as evidence for ET-50.1, ET-50.2, ET-51.1 (partly)",
                         "將結果記為 ET-50.1、ET-50.2、ET-51.1 之佐證資料（部分）"));
  add_push_options(*command, options->push, help);
  command->add_option(
      "--object", options->object,
      help("register object for --import (SUBJECT/ID)", "--import 所對應之清冊對象（類別/編號）"));
  command->footer(help.footer(
      "Secrets in the template's headers come from the environment (${NAME}) and are never "
      "printed. Exit 0 when every probe passes, 1 when one fails, 2 when one could not be sent "
      "or the answers do not match the template.",
      "範本標頭中之機敏值取自環境變數（${NAME}），不會輸出。全部通過時結束碼為 0，有未通過者為 1，"
      "有無法送出或回覆不符範本者為 2。",
      "  etguard scan chatbot --endpoint https://bot.firm.example/v1/chat/completions\n"
      "  CHATBOT_TOKEN=... etguard scan chatbot --endpoint https://bot.firm.example/api/chat "
      "--template bot.yaml --canary CANARY-8B21\n"
      "  etguard scan chatbot --print-template > bot.yaml\n"
      "  etguard scan chatbot --endpoint https://bot.firm.example/v1/chat/completions --rate 0.5 "
      "--import --object ai/service-chatbot"));
  command->callback([&selected, options] {
    selected = [options](const Context& context) { return run_scan_chatbot(context, *options); };
  });
}

}  // namespace etguard::cli
