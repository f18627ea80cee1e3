#include "mobile/resource_table.h"

#include <fmt/format.h>

#include <algorithm>

#include "mobile/binary_xml.h"
#include "mobile/input_error.h"
#include "mobile/string_pool.h"

namespace etguard::mobile {
namespace {

constexpr std::uint32_t kTableChunk = 0x0002;
constexpr std::uint32_t kPackageChunk = 0x0200;
constexpr std::uint32_t kTypeChunk = 0x0201;
constexpr std::uint32_t kNoEntry = 0xFFFFFFFF;
constexpr std::uint32_t kComplexEntry = 0x0001;
constexpr std::uint32_t kSparseType = 0x01;
constexpr std::size_t kMaxEntries = 1U << 20U;

struct Chunk {
  std::uint32_t type = 0;
  std::uint32_t header_size = 0;
  ByteSpan bytes;
  std::size_t at = 0;  // offset in the table
};

class TableDecoder {
 public:
  TableDecoder(ByteSpan table, std::string_view where) : table_(table), where_(where) {}

  Result<ResourceTable> run() {
    LeReader in(table_);
    const std::uint32_t type = in.u16();
    const std::uint32_t header_size = in.u16();
    const std::uint32_t size = in.u32();
    if (!in.ok() || type != kTableChunk || header_size < 12 || size > table_.size() ||
        size < header_size) {
      return std::unexpected(bad(0, "not a resource table (no whole table chunk at the start)"));
    }
    const Status read =
        each_chunk(table_.first(size), header_size, 0, [&](const Chunk& chunk) -> Status {
          if (chunk.type == kStringPoolChunk) {
            auto pool = read_string_pool(chunk.bytes, chunk.at, where_);
            if (!pool) {
              return std::unexpected(pool.error());
            }
            values_pool_ = std::move(*pool);
          } else if (chunk.type == kPackageChunk) {
            return read_package(chunk);
          }
          return {};
        });
    if (!read) {
      return std::unexpected(read.error());
    }
    return std::move(out_);
  }

 private:
  Error bad(std::size_t at, std::string_view problem) const {
    return byte_error(where_, at, problem);
  }

  // Calls `visit` on every chunk inside `parent` after its header.
  template <typename Visit>
  Status each_chunk(ByteSpan parent, std::size_t header_size, std::size_t base, Visit visit) {
    std::size_t at = header_size;
    while (at + 8 <= parent.size()) {
      LeReader in(parent, at);
      Chunk chunk;
      chunk.type = in.u16();
      chunk.header_size = in.u16();
      const std::uint32_t size = in.u32();
      if (size < 8 || size > parent.size() - at || chunk.header_size > size ||
          chunk.header_size < 8) {
        return std::unexpected(
            bad(base + at, fmt::format("chunk of {} bytes runs past its parent's end", size)));
      }
      chunk.bytes = parent.subspan(at, size);
      chunk.at = base + at;
      if (Status step = visit(chunk); !step) {
        return step;
      }
      at += size;
    }
    return {};
  }

  Status read_package(const Chunk& package) {
    LeReader in(package.bytes, 8);
    const std::uint32_t id = in.u32();
    if (!in.ok() || id > 0xFF) {
      return std::unexpected(bad(package.at + 8, fmt::format("package id {} out of range", id)));
    }
    return each_chunk(package.bytes, package.header_size, package.at,
                      [&](const Chunk& chunk) -> Status {
                        return chunk.type == kTypeChunk ? read_type(chunk, id) : Status{};
                      });
  }

  Status read_type(const Chunk& chunk, std::uint32_t package_id) {
    LeReader in(chunk.bytes, 8);
    const std::uint32_t type_id = in.u8();
    const std::uint32_t flags = in.u8();
    in.u16();
    const std::uint32_t entry_count = in.u32();
    const std::uint32_t entries_start = in.u32();
    const std::size_t config_at = in.position();
    const std::uint32_t config_size = in.u32();
    if (!in.ok() || entry_count > kMaxEntries || entries_start > chunk.bytes.size() ||
        config_size < 4 ||
        config_size > chunk.header_size - std::min<std::size_t>(config_at, chunk.header_size)) {
      return std::unexpected(bad(chunk.at, "type chunk header out of range"));
    }
    // The default configuration has every field after its size zero.
    const ByteSpan config = chunk.bytes.subspan(config_at + 4, config_size - 4);
    const bool default_config = std::ranges::all_of(config, [](std::uint8_t b) { return b == 0; });
    LeReader offsets(chunk.bytes, chunk.header_size);
    for (std::uint32_t i = 0; i < entry_count; ++i) {
      std::uint32_t index = i;
      std::uint32_t offset = 0;
      if ((flags & kSparseType) != 0) {
        index = offsets.u16();
        offset = offsets.u16() * 4U;
      } else {
        offset = offsets.u32();
      }
      if (!offsets.ok()) {
        return std::unexpected(bad(chunk.at, fmt::format("{} entries do not fit", entry_count)));
      }
      if (offset == kNoEntry) {
        continue;
      }
      LeReader entry(chunk.bytes, std::uint64_t{entries_start} + offset);
      const std::uint32_t entry_size = entry.u16();
      const std::uint32_t entry_flags = entry.u16();
      entry.u32();  // key
      if (!entry.ok() || entry_size < 8) {
        return std::unexpected(
            bad(chunk.at + entries_start + offset, fmt::format("entry {} runs past its chunk", i)));
      }
      if ((entry_flags & kComplexEntry) != 0) {
        continue;  // a bag
      }
      entry.seek(std::uint64_t{entries_start} + offset + entry_size);
      entry.u16();  // Res_value size
      entry.u8();
      ResourceValue value;
      value.type = static_cast<std::uint8_t>(entry.u8());
      value.data = entry.u32();
      if (!entry.ok()) {
        return std::unexpected(
            bad(chunk.at + entries_start + offset, fmt::format("value {} runs past its chunk", i)));
      }
      if (value.type == static_cast<std::uint8_t>(ValueType::kString)) {
        const std::string* text = values_pool_.at(value.data);
        if (text == nullptr) {
          return std::unexpected(bad(chunk.at + entries_start + offset,
                                     fmt::format("string index {} outside the pool", value.data)));
        }
        value.text = *text;
      }
      const std::uint32_t resource_id = (package_id << 24U) | (type_id << 16U) | index;
      if (default_config || !out_.values.contains(resource_id)) {
        out_.values[resource_id] = std::move(value);
      }
    }
    return {};
  }

  ByteSpan table_;
  std::string_view where_;
  StringPool values_pool_;
  ResourceTable out_;
};

}  // namespace

const ResourceValue* ResourceTable::resolve(std::uint32_t id) const {
  for (int hop = 0; hop < 8; ++hop) {
    const auto found = values.find(id);
    if (found == values.end()) {
      return nullptr;
    }
    if (found->second.type != static_cast<std::uint8_t>(ValueType::kReference)) {
      return &found->second;
    }
    id = found->second.data;
  }
  return nullptr;
}

Result<ResourceTable> read_resource_table(ByteSpan table, std::string_view where) {
  return TableDecoder(table, where).run();
}

}  // namespace etguard::mobile
