#include "cloud/json_document.h"

#include <fmt/format.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cloud/json_values.h"
#include "core/digest.h"

namespace etguard::cloud {

using nlohmann::json;

std::unexpected<Error> document_error(const std::string& path, std::string_view en,
                                      std::string_view zh) {
  return fail(ErrorKind::kInput, fmt::format("{}: {}", path, en), fmt::format("{}：{}", path, zh));
}

std::string file_head(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(std::size_t{64} << 10U, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head;
}

Result<json> read_json_document(const std::string& path, std::uintmax_t largest,
                                std::string_view what_en, std::string_view what_zh,
                                std::string& sha256) {
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error) {
    const ErrorKind kind =
        error == std::errc::no_such_file_or_directory ? ErrorKind::kNotFound : ErrorKind::kIo;
    return fail(kind, fmt::format("{}: cannot open: {}", path, error.message()),
                fmt::format("{}：無法開啟：{}", path, error.message()));
  }
  if (size > largest) {
    return fail(ErrorKind::kInput,
                fmt::format("{}: {} of {} bytes; etguard reads up to {} bytes", path, what_en, size,
                            largest),
                fmt::format("{}：{} {} 位元組；etguard 可讀取之上限為 {} 位元組", path, what_zh,
                            size, largest));
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const std::string content = std::move(text).str();
  sha256 = to_hex(etguard::sha256(content));
  try {
    return json::parse(content);
  } catch (const json::parse_error& problem) {
    return json_input_error(path, problem.byte == 0 ? 0 : problem.byte - 1,
                            fmt::format("not valid JSON: {}", problem.what()),
                            fmt::format("不是有效的 JSON：{}", problem.what()));
  } catch (const json::exception& problem) {  // a number out of range: no byte offset
    return fail(ErrorKind::kInput, fmt::format("{}: not valid JSON: {}", path, problem.what()),
                fmt::format("{}：不是有效的 JSON：{}", path, problem.what()));
  }
}

const json* at_path(const json& root, std::string_view path) {
  const json* node = &root;
  while (!path.empty()) {
    const std::size_t dot = path.find('.');
    const std::string_view part = path.substr(0, dot);
    path.remove_prefix(dot == std::string_view::npos ? path.size() : dot + 1);
    std::size_t index = 0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), index);
    if (node->is_array() && error == std::errc() && end == part.data() + part.size()) {
      if (index >= node->size()) {
        return nullptr;
      }
      node = &(*node)[index];
    } else if (node->is_object()) {
      const auto found = node->find(part);
      if (found == node->end()) {
        return nullptr;
      }
      node = &*found;
    } else {
      return nullptr;
    }
  }
  return node;
}

std::string string_at(const json& node, const char* key) {
  if (!node.is_object()) {
    return {};
  }
  const auto found = node.find(key);
  return found != node.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::string text_at(const json& root, std::string_view path) {
  const json* node = at_path(root, path);
  return node != nullptr && node->is_string() ? node->get<std::string>() : std::string();
}

const json& array_at(const json& node, const char* key) {
  static const json none = json::array();
  if (!node.is_object()) {
    return none;
  }
  const auto found = node.find(key);
  return found != node.end() && found->is_array() ? *found : none;
}

Result<std::string> for_each_json_item(const std::string& path, std::string_view page_key,
                                       const JsonItemSink& each) {
  constexpr std::size_t kLargestPage = std::size_t{512} << 20U;
  return for_each_json_value(
      path,
      [&](const JsonValue& value) -> Status {
        nlohmann::json parsed;
        try {
          parsed = nlohmann::json::parse(value.text);
        } catch (const nlohmann::json::exception& error) {
          return json_input_error(path, value.offset,
                                  fmt::format("not valid JSON: {}", error.what()),
                                  fmt::format("不是有效的 JSON：{}", error.what()));
        }
        const auto page = parsed.is_object() ? parsed.find(page_key) : parsed.end();
        if (page == parsed.end() || !page->is_array()) {
          return each(parsed, value.offset, false);
        }
        for (const nlohmann::json& item : *page) {
          if (Status handed = each(item, value.offset, true); !handed) {
            return handed;
          }
        }
        return {};
      },
      {.largest = kLargestPage, .block = std::size_t{8} << 20U, .on_read = {}});
}

}  // namespace etguard::cloud
