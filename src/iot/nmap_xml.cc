#include "iot/nmap_xml.h"

#include <expat.h>
#include <fmt/format.h>

#include <array>
#include <charconv>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>

namespace etguard::iot {
namespace {

constexpr std::size_t kChunk = 1 << 16;
constexpr std::size_t kMaxText = 4096;  // a CPE name is far shorter

struct ParserFree {
  void operator()(XML_Parser parser) const { XML_ParserFree(parser); }
};

// What the handlers share: the host being read, where in it we are, and the
// first problem found (the parser stops there).
struct ReadState {
  XML_Parser parser = nullptr;
  const std::string* source = nullptr;
  const std::function<bool(Host&&)>* on_host = nullptr;  // false: stop reading
  ScanSummary summary;
  int depth = 0;
  bool in_host = false;
  bool in_port = false;
  bool in_service = false;
  bool in_service_cpe = false;
  Host host;
  std::string text;
  std::string problem;
  unsigned long problem_line = 0;  // where the event that stopped the parser began
  unsigned long problem_column = 0;
};

std::string_view attribute(const XML_Char** attributes, std::string_view name) {
  for (const XML_Char** at = attributes; *at != nullptr; at += 2) {
    if (name == *at) {
      return at[1];
    }
  }
  return {};
}

void stop(ReadState& state, std::string problem) {
  if (state.problem.empty()) {
    state.problem = std::move(problem);
    state.problem_line = XML_GetCurrentLineNumber(state.parser);
    state.problem_column = XML_GetCurrentColumnNumber(state.parser) + 1;
  }
  XML_StopParser(state.parser, XML_FALSE);
}

bool parse_int(std::string_view text, int& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc{} && end == text.data() + text.size();
}

void XMLCALL on_text(void* data, const XML_Char* text, int length);

void start_in_host(ReadState& state, std::string_view name, const XML_Char** attributes) {
  Host& host = state.host;
  if (name == "status") {
    host.status = attribute(attributes, "state");
  } else if (name == "address") {
    const std::string_view type = attribute(attributes, "addrtype");
    const std::string address(attribute(attributes, "addr"));
    if (type == "ipv4") {
      host.ipv4 = address;
    } else if (type == "ipv6") {
      host.ipv6 = address;
    } else if (type == "mac") {
      host.mac = address;
      host.vendor = attribute(attributes, "vendor");
    }
  } else if (name == "hostname") {
    host.hostnames.emplace_back(attribute(attributes, "name"));
  } else if (name == "port") {
    state.in_port = true;
    Port& port = host.ports.emplace_back();
    port.protocol = attribute(attributes, "protocol");
    const std::string_view number = attribute(attributes, "portid");
    if (!parse_int(number, port.number) || port.number < 0 || port.number > 65535) {
      stop(state, fmt::format("portid '{}' is not a port number", number));
    }
  } else if (state.in_port && name == "state") {
    host.ports.back().state = attribute(attributes, "state");
    host.ports.back().reason = attribute(attributes, "reason");
  } else if (state.in_port && name == "service") {
    state.in_service = true;
    Port& port = host.ports.back();
    port.service = attribute(attributes, "name");
    port.product = attribute(attributes, "product");
    port.version = attribute(attributes, "version");
    port.extrainfo = attribute(attributes, "extrainfo");
    port.tunnel = attribute(attributes, "tunnel");
  } else if (state.in_service && name == "cpe") {
    state.in_service_cpe = true;
    state.text.clear();
    // Text is wanted here alone: elsewhere expat is not asked to hand over
    // the whitespace between elements.
    XML_SetCharacterDataHandler(state.parser, on_text);
  } else if (name == "osmatch") {
    OsGuess guess{std::string(attribute(attributes, "name")), 0};
    parse_int(attribute(attributes, "accuracy"), guess.accuracy);
    host.os.push_back(std::move(guess));
  }
}

void XMLCALL on_start(void* data, const XML_Char* element, const XML_Char** attributes) {
  auto& state = *static_cast<ReadState*>(data);
  const std::string_view name = element;
  ++state.depth;
  if (state.depth == 1) {
    if (name != "nmaprun") {
      stop(state, fmt::format("not nmap XML output (nmap -oX): the root element is <{}>, "
                              "not <nmaprun>",
                              name));
      return;
    }
    state.summary.scanner_version = attribute(attributes, "version");
    state.summary.args = attribute(attributes, "args");
    state.summary.started = attribute(attributes, "startstr");
    return;
  }
  if (state.in_host) {
    start_in_host(state, name, attributes);
  } else if (state.depth == 2 && name == "host") {
    state.in_host = true;
    state.host = Host{};
    state.host.line = static_cast<int>(XML_GetCurrentLineNumber(state.parser));
  } else if (name == "finished") {
    state.summary.finished = true;
  }
}

void XMLCALL on_end(void* data, const XML_Char* element) {
  auto& state = *static_cast<ReadState*>(data);
  const std::string_view name = element;
  --state.depth;
  if (!state.in_host) {
    return;
  }
  if (state.in_service_cpe && name == "cpe") {
    state.in_service_cpe = false;
    XML_SetCharacterDataHandler(state.parser, nullptr);
    state.host.ports.back().cpes.push_back(std::move(state.text));
    state.text.clear();
  } else if (state.in_service && name == "service") {
    state.in_service = false;
  } else if (state.in_port && name == "port") {
    state.in_port = false;
  } else if (state.depth == 1 && name == "host") {
    state.in_host = false;
    ++state.summary.hosts;
    state.summary.hosts_up += state.host.is_up() ? 1U : 0U;
    if (!(*state.on_host)(std::move(state.host))) {
      stop(state, "the reading was abandoned");
    }
  }
}

void XMLCALL on_text(void* data, const XML_Char* text, int length) {
  auto& state = *static_cast<ReadState*>(data);
  if (!state.in_service_cpe) {
    return;
  }
  if (state.text.size() + static_cast<std::size_t>(length) > kMaxText) {
    stop(state, fmt::format("a <cpe> is longer than {} characters", kMaxText));
    return;
  }
  state.text.append(text, static_cast<std::size_t>(length));
}

// nmap declares no entities; a document that does is not nmap's, and an
// entity is the first step of an expansion attack.
void XMLCALL on_entity(void* data, const XML_Char* name, int /*parameter*/,
                       const XML_Char* /*value*/, int /*length*/, const XML_Char* /*base*/,
                       const XML_Char* /*system_id*/, const XML_Char* /*public_id*/,
                       const XML_Char* /*notation*/) {
  auto& state = *static_cast<ReadState*>(data);
  stop(state,
       fmt::format("the entity declaration '{}' is not accepted (nmap declares none)", name));
}

Error located(const ReadState& state, const std::string& problem) {
  const bool ours = !state.problem.empty();
  const auto line = ours ? state.problem_line : XML_GetCurrentLineNumber(state.parser);
  const auto column = ours ? state.problem_column : XML_GetCurrentColumnNumber(state.parser) + 1;
  return Error{ErrorKind::kInput, fmt::format("{}:{}:{}: {}", *state.source, line, column, problem),
               fmt::format("{}:{}:{}：{}", *state.source, line, column, problem)};
}

Result<ScanSummary> parse_nmap_xml(std::istream& in, const std::string& source,
                                   const std::function<bool(Host&&)>& on_host) {
  std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreate("UTF-8"));
  if (!parser) {
    return fail(ErrorKind::kInternal, "the XML parser could not be created", "無法建立 XML 剖析器");
  }
  ReadState state;
  state.parser = parser.get();
  state.source = &source;
  state.on_host = &on_host;
  XML_SetUserData(parser.get(), &state);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetEntityDeclHandler(parser.get(), on_entity);
  auto buffer = std::make_unique<std::array<char, kChunk>>();
  bool any = false;
  while (true) {
    in.read(buffer->data(), kChunk);
    const std::streamsize got = in.gcount();
    if (in.bad()) {
      return fail(ErrorKind::kIo, fmt::format("{}: could not be read", source),
                  fmt::format("{}：無法讀取", source));
    }
    const bool last = got < static_cast<std::streamsize>(kChunk);
    any = any || got > 0;
    if (XML_Parse(parser.get(), buffer->data(), static_cast<int>(got),
                  last ? XML_TRUE : XML_FALSE) != XML_STATUS_OK) {
      if (!state.problem.empty()) {
        return std::unexpected(located(state, state.problem));
      }
      const XML_Error code = XML_GetErrorCode(parser.get());
      std::string problem = XML_ErrorString(code);
      if (code == XML_ERROR_NO_ELEMENTS || code == XML_ERROR_UNCLOSED_TOKEN ||
          code == XML_ERROR_PARTIAL_CHAR) {
        problem += any ? " (the file ends early: an interrupted scan or a truncated copy?)"
                       : " (the file is empty)";
      }
      return std::unexpected(located(state, problem));
    }
    if (last) {
      break;
    }
  }
  return state.summary;
}

}  // namespace

const std::string& Host::address() const {
  return !ipv4.empty() ? ipv4 : (!ipv6.empty() ? ipv6 : mac);
}

// Hosts handed from the parsing thread to the reading one in batches.
struct NmapXmlReader::Pipe {
  static constexpr std::size_t kBatch = 256;
  static constexpr std::size_t kBatches = kAhead / kBatch;

  // On the parsing thread; false once the reader has given up.
  bool push(Host&& host) {
    filling.push_back(std::move(host));
    return filling.size() < kBatch || hand_over();
  }
  bool hand_over() {
    std::unique_lock lock(mutex);
    space.wait(lock, [this] { return queue.size() < kBatches || abandoned; });
    if (abandoned) {
      return false;
    }
    if (!filling.empty()) {
      queue.push_back(std::move(filling));
      filling = {};
      ready.notify_one();
    }
    return true;
  }
  void close(Result<ScanSummary> result) {
    outcome.set_value(std::move(result));
    const std::scoped_lock lock(mutex);
    finished = true;
    ready.notify_one();
  }
  // On the reading thread: the next batch, empty at the end.
  std::vector<Host> pop() {
    std::unique_lock lock(mutex);
    ready.wait(lock, [this] { return !queue.empty() || finished; });
    if (queue.empty()) {
      return {};
    }
    std::vector<Host> batch = std::move(queue.front());
    queue.pop_front();
    space.notify_one();
    return batch;
  }
  void abandon() {
    const std::scoped_lock lock(mutex);
    abandoned = true;
    space.notify_one();
  }

  std::vector<Host> filling;  // the parsing thread's alone
  std::mutex mutex;
  std::condition_variable ready;
  std::condition_variable space;
  std::deque<std::vector<Host>> queue;
  std::promise<Result<ScanSummary>> outcome;  // set by the parser as it ends
  bool finished = false;
  bool abandoned = false;
};

NmapXmlReader::NmapXmlReader(std::istream& in, std::string source)
    : source_(std::move(source)),
      pipe_(std::make_unique<Pipe>()),
      outcome_(pipe_->outcome.get_future()) {
  parser_ = std::jthread([this, &in] {
    Result<ScanSummary> result =
        parse_nmap_xml(in, source_, [this](Host&& host) { return pipe_->push(std::move(host)); });
    pipe_->hand_over();  // the last batch, also the hosts before an error
    pipe_->close(std::move(result));
  });
}

NmapXmlReader::~NmapXmlReader() {
  pipe_->abandon();
}

Result<ScanSummary> NmapXmlReader::read(const std::function<void(Host&&)>& on_host) {
  for (std::vector<Host> batch = pipe_->pop(); !batch.empty(); batch = pipe_->pop()) {
    for (Host& host : batch) {
      on_host(std::move(host));
    }
  }
  return outcome_.get();
}

Result<ScanSummary> read_nmap_xml(std::istream& in, const std::string& source,
                                  const std::function<void(Host&&)>& on_host) {
  NmapXmlReader reader(in, source);
  return reader.read(on_host);
}

}  // namespace etguard::iot
