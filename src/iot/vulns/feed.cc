#include "iot/vulns/feed.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "core/text.h"
#include "iot/vulns/product.h"

namespace etguard::iot::vulns {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kSummaryColumns = 200;

// Parts of an NVD record no match reads: dropped while parsing, so a year's
// feed file is held without its references and comments.
bool kept_key(const std::string& key) {
  return key != "references" && key != "weaknesses" && key != "vendorComments" &&
         key != "cveTags" && key != "credits" && key != "details" && key != "related";
}

// The string at `key` of an object, "" when absent or of another type:
// for the parts a match only describes with (a severity, a summary).
std::string loose_text(const Json& object, const char* key) {
  if (!object.is_object()) {
    return {};
  }
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

struct Reader {
  const std::string& source;
  Feed& feed;

  std::unexpected<Error> shape(std::size_t record, std::string_view what) const {
    return fail(ErrorKind::kInput,
                fmt::format("{}: record {}: {} (neither OSV nor NVD CVE API 2.0)", source,
                            record + 1, what),
                fmt::format("{}：第 {} 筆：{}（非 OSV 亦非 NVD CVE API 2.0 格式）", source,
                            record + 1, what));
  }

  // The string at `key`, "" when absent; an error when it is not a string.
  Result<std::string> text(const Json& object, const char* key, std::size_t record) const {
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) {
      return std::string();
    }
    if (!found->is_string()) {
      return shape(record, fmt::format("\"{}\" is not a string", key));
    }
    return found->get<std::string>();
  }

  Result<const Json*> array(const Json& object, const char* key, std::size_t record) const {
    static const Json empty = Json::array();
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) {
      return &empty;
    }
    if (!found->is_array()) {
      return shape(record, fmt::format("\"{}\" is not an array", key));
    }
    return &*found;
  }

  static std::string cut(std::string_view text) {
    return truncate_to_width(trim(text), kSummaryColumns);
  }

  Status nvd_match(const Json& match, Advisory& advisory, std::size_t record) const {
    if (!match.is_object()) {
      return shape(record, "a cpeMatch entry is not an object");
    }
    const auto vulnerable = match.find("vulnerable");
    if (vulnerable != match.end() && !vulnerable->is_boolean()) {
      return shape(record, "a cpeMatch's \"vulnerable\" is not true or false");
    }
    if (vulnerable == match.end() || !vulnerable->get<bool>()) {
      return {};  // a platform it runs on, not the product affected
    }
    auto criteria = text(match, "criteria", record);
    if (!criteria) {
      return std::unexpected(criteria.error());
    }
    const std::optional<Cpe> cpe = parse_cpe(*criteria);
    if (!cpe) {
      return shape(record, fmt::format("cpeMatch criteria '{}' is not a CPE name", *criteria));
    }
    AffectedProduct product{.vendor = cpe->vendor, .product = cpe->product};
    VersionRange range;
    bool bounded = false;
    for (const auto& [key, start, inclusive] : {std::tuple{"versionStartIncluding", true, true},
                                                std::tuple{"versionStartExcluding", true, false},
                                                std::tuple{"versionEndIncluding", false, true},
                                                std::tuple{"versionEndExcluding", false, false}}) {
      auto bound = text(match, key, record);
      if (!bound) {
        return std::unexpected(bound.error());
      }
      if (bound->empty()) {
        continue;
      }
      bounded = true;
      (start ? range.start : range.end) = *bound;
      (start ? range.start_inclusive : range.end_inclusive) = inclusive;
    }
    if (bounded) {
      product.ranges.push_back(std::move(range));
    } else if (!cpe->version.empty()) {
      product.versions.push_back(cpe->version);
    } else {
      product.every_version = true;
    }
    advisory.affected.push_back(std::move(product));
    return {};
  }

  Status nvd_nodes(const Json& nodes, Advisory& advisory, std::size_t record) const {
    for (const Json& node : nodes) {
      if (!node.is_object()) {
        return shape(record, "a configuration node is not an object");
      }
      auto matches = array(node, "cpeMatch", record);
      if (!matches) {
        return std::unexpected(matches.error());
      }
      for (const Json& match : **matches) {
        if (Status read = nvd_match(match, advisory, record); !read) {
          return read;
        }
      }
    }
    return {};
  }

  static std::string nvd_severity(const Json& cve) {
    const auto metrics = cve.find("metrics");
    if (metrics == cve.end() || !metrics->is_object()) {
      return {};
    }
    for (const char* version :
         {"cvssMetricV40", "cvssMetricV31", "cvssMetricV30", "cvssMetricV2"}) {
      const auto list = metrics->find(version);
      if (list == metrics->end() || !list->is_array() || list->empty() || !(*list)[0].is_object()) {
        continue;
      }
      const Json& metric = (*list)[0];
      const auto data = metric.find("cvssData");
      if (data == metric.end() || !data->is_object()) {
        continue;
      }
      const auto score = data->find("baseScore");
      std::string severity = loose_text(*data, "baseSeverity");
      if (severity.empty()) {
        severity = loose_text(metric, "baseSeverity");
      }
      if (score != data->end() && score->is_number()) {
        return std::string(trim(fmt::format("{} {:.1f}", severity, score->get<double>())));
      }
    }
    return {};
  }

  Status nvd_record(const Json& item, std::size_t record) const {
    if (!item.is_object() || !item.contains("cve") || !item["cve"].is_object()) {
      return shape(record, "a vulnerabilities entry has no \"cve\" object");
    }
    const Json& cve = item["cve"];
    Advisory advisory;
    auto id = text(cve, "id", record);
    if (!id) {
      return std::unexpected(id.error());
    }
    if (id->empty()) {
      return shape(record, "the cve has no \"id\"");
    }
    advisory.id = std::move(*id);
    advisory.source = fmt::format("{}: record {}", source, record + 1);
    advisory.severity = nvd_severity(cve);
    auto descriptions = array(cve, "descriptions", record);
    if (!descriptions) {
      return std::unexpected(descriptions.error());
    }
    for (const Json& description : **descriptions) {
      if (loose_text(description, "lang") == "en") {
        advisory.summary = cut(loose_text(description, "value"));
      }
    }
    auto configurations = array(cve, "configurations", record);
    if (!configurations) {
      return std::unexpected(configurations.error());
    }
    for (const Json& configuration : **configurations) {
      if (!configuration.is_object()) {
        return shape(record, "a configuration is not an object");
      }
      auto nodes = array(configuration, "nodes", record);
      if (!nodes) {
        return std::unexpected(nodes.error());
      }
      if (Status read = nvd_nodes(**nodes, advisory, record); !read) {
        return read;
      }
    }
    feed.advisories.push_back(std::move(advisory));
    return {};
  }

  Status osv_ranges(const Json& affected, AffectedProduct& product, const std::string& id,
                    std::size_t record) const {
    auto ranges = array(affected, "ranges", record);
    if (!ranges) {
      return std::unexpected(ranges.error());
    }
    for (const Json& range : **ranges) {
      if (!range.is_object()) {
        return shape(record, "a range is not an object");
      }
      const std::string type = loose_text(range, "type");
      if (type != "SEMVER" && type != "ECOSYSTEM") {
        feed.notes.push_back(
            fmt::format("{} ({}): a {} range is not compared; its listed "
                        "versions are",
                        id, source, type.empty() ? "typeless" : type));
        continue;
      }
      auto events = array(range, "events", record);
      if (!events) {
        return std::unexpected(events.error());
      }
      std::optional<VersionRange> open;
      for (const Json& event : **events) {
        if (!event.is_object() || event.size() != 1 || !event.begin()->is_string()) {
          return shape(record, "a range event is not one {\"kind\": \"version\"}");
        }
        const std::string& kind = event.begin().key();
        std::string version = event.begin()->get<std::string>();
        if (kind == "introduced") {
          open = VersionRange{.start = version == "0" ? std::string() : std::move(version)};
        } else if ((kind == "fixed" || kind == "last_affected") && open) {
          open->end = std::move(version);
          open->end_inclusive = kind == "last_affected";
          product.ranges.push_back(std::move(*open));
          open.reset();
        }
      }
      if (open) {
        product.ranges.push_back(std::move(*open));  // introduced and never fixed
      }
    }
    return {};
  }

  Status osv_record(const Json& item, std::size_t record) const {
    if (!item.is_object()) {
      return shape(record, "an entry is not an object");
    }
    Advisory advisory;
    auto id = text(item, "id", record);
    if (!id) {
      return std::unexpected(id.error());
    }
    if (id->empty()) {
      return shape(record, "the record has no \"id\"");
    }
    advisory.id = std::move(*id);
    advisory.source = fmt::format("{}: record {}", source, record + 1);
    auto summary = text(item, "summary", record);
    if (!summary) {
      return std::unexpected(summary.error());
    }
    advisory.summary = cut(*summary);
    if (const auto specific = item.find("database_specific");
        specific != item.end() && specific->is_object()) {
      const Json severity = specific->value("severity", Json());
      if (severity.is_string()) {
        advisory.severity = severity.get<std::string>();
      }
    }
    auto affected = array(item, "affected", record);
    if (!affected) {
      return std::unexpected(affected.error());
    }
    for (const Json& entry : **affected) {
      if (!entry.is_object() || !entry.contains("package") || !entry["package"].is_object()) {
        return shape(record, "an affected entry has no \"package\" object");
      }
      auto name = text(entry["package"], "name", record);
      if (!name) {
        return std::unexpected(name.error());
      }
      AffectedProduct product{.product = ascii_lower(*name)};
      auto versions = array(entry, "versions", record);
      if (!versions) {
        return std::unexpected(versions.error());
      }
      for (const Json& version : **versions) {
        if (!version.is_string()) {
          return shape(record, "a listed version is not a string");
        }
        product.versions.push_back(version.get<std::string>());
      }
      if (Status read = osv_ranges(entry, product, advisory.id, record); !read) {
        return read;
      }
      if (!product.product.empty()) {
        advisory.affected.push_back(std::move(product));
      }
    }
    feed.advisories.push_back(std::move(advisory));
    return {};
  }

  Status read(const Json& document) const {
    const std::size_t before = feed.advisories.size();
    if (document.is_object() && document.contains("vulnerabilities")) {
      const Json& list = document["vulnerabilities"];
      if (!list.is_array()) {
        return shape(0, "\"vulnerabilities\" is not an array");
      }
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (Status read = nvd_record(list[i], i); !read) {
          return read;
        }
      }
    } else {
      const Json* list = &document;
      if (document.is_object() && document.contains("vulns")) {
        list = &document["vulns"];
      }
      if (list->is_object()) {
        if (Status read = osv_record(*list, 0); !read) {
          return read;
        }
      } else if (list->is_array()) {
        for (std::size_t i = 0; i < list->size(); ++i) {
          if (Status read = osv_record((*list)[i], i); !read) {
            return read;
          }
        }
      } else {
        return shape(0, "the document is neither an object nor an array");
      }
    }
    if (feed.advisories.size() == before) {
      return fail(ErrorKind::kInput, fmt::format("{}: no advisory in the file", source),
                  fmt::format("{}：檔案中無任何弱點公告", source));
    }
    return {};
  }
};

}  // namespace

Status read_feed_text(const std::string& source, const std::string& text, Feed& feed) {
  Json document;
  try {
    document = Json::parse(text, [](int /*depth*/, Json::parse_event_t event, Json& parsed) {
      return event != Json::parse_event_t::key || kept_key(parsed.get<std::string>());
    });
  } catch (const Json::parse_error& error) {
    const TextPosition at = text_position(text, error.byte == 0 ? 0 : error.byte - 1);
    return fail(ErrorKind::kInput,
                fmt::format("{}:{}:{}: not JSON: {}", source, at.line, at.column, error.what()),
                fmt::format("{}:{}:{}：非 JSON：{}", source, at.line, at.column, error.what()));
  } catch (const Json::exception& error) {  // a number out of range (found by the fuzz target)
    return fail(ErrorKind::kInput, fmt::format("{}: not JSON: {}", source, error.what()),
                fmt::format("{}：非 JSON：{}", source, error.what()));
  }
  return Reader{source, feed}.read(document);
}

Result<Feed> read_feeds(const std::vector<std::string>& paths) {
  Feed feed;
  for (const std::string& path : paths) {
    auto text = read_file(path);
    if (!text) {
      return std::unexpected(text.error());
    }
    if (Status read = read_feed_text(path, *text, feed); !read) {
      return std::unexpected(read.error());
    }
  }
  return feed;
}

}  // namespace etguard::iot::vulns
