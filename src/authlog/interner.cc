#include "authlog/interner.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <limits>
#include <stdexcept>

namespace etguard::authlog {
namespace {

constexpr std::uint32_t kBlockBytes = kHugePageBytes;
constexpr unsigned kOffsetBits = 21;  // a record starts within its block's first 2 MiB
// A record: the id (4 bytes), the length (1 byte, or 0xFF and 4 bytes), the bytes.
constexpr std::size_t kIdBytes = sizeof(std::uint32_t);
constexpr unsigned char kLongLength = 0xFF;
// A slot: the top kTagBits of the string's hash, then its record position + 1.
constexpr unsigned kPositionBits = 38;
constexpr unsigned kTagBits = 64 - kPositionBits;
constexpr std::uint64_t kPositionMask = (std::uint64_t{1} << kPositionBits) - 1;
constexpr std::size_t kMaxBlocks = std::size_t{1} << (kPositionBits - kOffsetBits - 1);
constexpr unsigned kInitialSlotBits = 16;

std::uint64_t tag_of(std::uint64_t hash) {
  return hash >> kPositionBits;
}

std::uint32_t load32(const char* at) {
  std::uint32_t value = 0;
  std::memcpy(&value, at, sizeof value);
  return value;
}

std::string_view record_text(const char* at) {
  const auto length = static_cast<unsigned char>(at[kIdBytes]);
  if (length != kLongLength) {
    return {at + kIdBytes + 1, length};
  }
  return {at + kIdBytes + 1 + sizeof(std::uint32_t), load32(at + kIdBytes + 1)};
}

}  // namespace

Interner::Interner()
    : slots_(std::size_t{1} << kInitialSlotBits, 0), home_shift_(64 - kInitialSlotBits) {
  intern({});
}

std::uint64_t Interner::hash(std::string_view text) {
  return std::hash<std::string_view>{}(text);
}

const char* Interner::record(std::uint64_t position) const {
  return blocks_[position >> kOffsetBits].get() + (position & ((1U << kOffsetBits) - 1));
}

std::string_view Interner::text(std::uint32_t id) const {
  return record_text(record(positions_[id]));
}

std::uint64_t Interner::store(std::string_view text, std::uint32_t id) {
  const bool long_text = text.size() >= kLongLength;
  const std::size_t header = kIdBytes + 1 + (long_text ? sizeof(std::uint32_t) : 0);
  const std::size_t need = header + text.size();
  if (need > std::numeric_limits<std::uint32_t>::max()) {
    throw std::length_error("interned string too long");
  }
  if (blocks_.empty() || used_ + need > block_sizes_.back()) {
    if (blocks_.size() == kMaxBlocks) {
      throw std::length_error("interner full");
    }
    const auto size = static_cast<std::uint32_t>(std::max<std::size_t>(kBlockBytes, need));
    blocks_.emplace_back(static_cast<char*>(allocate_huge(size)));
    block_sizes_.push_back(size);
    used_ = 0;
  }
  const std::uint64_t position = (std::uint64_t{blocks_.size() - 1} << kOffsetBits) | used_;
  char* at = blocks_.back().get() + used_;
  std::memcpy(at, &id, sizeof id);
  if (long_text) {
    const auto length = static_cast<std::uint32_t>(text.size());
    at[kIdBytes] = static_cast<char>(kLongLength);
    std::memcpy(at + kIdBytes + 1, &length, sizeof length);
  } else {
    at[kIdBytes] = static_cast<char>(text.size());
  }
  if (!text.empty()) {
    std::memcpy(at + header, text.data(), text.size());
  }
  used_ += static_cast<std::uint32_t>(need);
  return position;
}

std::uint32_t Interner::intern(std::string_view text, std::uint64_t hash) {
  const std::uint64_t tag = tag_of(hash);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash >> home_shift_;; i = (i + 1) & mask) {
    const std::uint64_t slot = slots_[i];
    if (slot == 0) {
      const auto id = static_cast<std::uint32_t>(positions_.size());
      const std::uint64_t position = store(text, id);
      positions_.push_back(position);
      slots_[i] = (tag << kPositionBits) | (position + 1);
      if (positions_.size() * 5 > slots_.size() * 4) {
        grow();
      }
      return id;
    }
    if (tag_of(slot) == tag) {
      const char* at = record((slot & kPositionMask) - 1);
      if (record_text(at) == text) {
        return load32(at);
      }
    }
  }
}

void Interner::prefetch(std::uint64_t hash) const {
  __builtin_prefetch(&slots_[hash >> home_shift_]);
}

// The home of a string is the top bits of its hash, and a slot keeps the top
// kTagBits: up to 2^kTagBits slots the new home comes from the slot alone, and
// growing never reads a record.
void Interner::grow() {
  decltype(slots_) old(slots_.size() * 2, 0);
  old.swap(slots_);
  --home_shift_;
  const std::size_t mask = slots_.size() - 1;
  const unsigned bits = 64 - home_shift_;
  for (const std::uint64_t slot : old) {
    if (slot == 0) {
      continue;
    }
    std::size_t i = bits <= kTagBits
                        ? static_cast<std::size_t>(tag_of(slot) >> (kTagBits - bits))
                        : hash(record_text(record((slot & kPositionMask) - 1))) >> home_shift_;
    while (slots_[i] != 0) {
      i = (i + 1) & mask;
    }
    slots_[i] = slot;
  }
}

std::size_t Interner::memory_bytes() const {
  std::size_t bytes = slots_.capacity() * sizeof(std::uint64_t) + positions_.memory_bytes();
  for (const std::uint32_t size : block_sizes_) {
    bytes += size;
  }
  return bytes;
}

}  // namespace etguard::authlog
