// A flat hash table from 64-bit event ids to 64-bit values: open addressing
// with linear probing and backward-shift deletion, so a lookup is one probe
// into one array and erasing leaves no tombstones. Key 0 means "no id" and is
// never stored (event ids that do not parse become 0).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace etguard::authlog {

class IdTable {
 public:
  IdTable() : slots_(kInitialSlots) {}

  // Inserts or replaces.
  void put(std::uint64_t key, std::uint64_t value) {
    if (key == 0) {
      return;
    }
    if ((size_ + 1) * 2 > slots_.size()) {
      grow();
    }
    std::size_t i = home(key);
    while (slots_[i].key != 0 && slots_[i].key != key) {
      i = next(i);
    }
    size_ += slots_[i].key == 0 ? 1U : 0U;
    slots_[i] = {key, value};
  }

  std::optional<std::uint64_t> find(std::uint64_t key) const {
    if (key == 0) {
      return std::nullopt;
    }
    for (std::size_t i = home(key); slots_[i].key != 0; i = next(i)) {
      if (slots_[i].key == key) {
        return slots_[i].value;
      }
    }
    return std::nullopt;
  }

  void erase(std::uint64_t key) {
    if (key == 0) {
      return;
    }
    std::size_t i = home(key);
    while (slots_[i].key != key) {
      if (slots_[i].key == 0) {
        return;
      }
      i = next(i);
    }
    // Shift back every later entry of the run that may move into the hole.
    for (std::size_t j = next(i);; j = next(j)) {
      if (slots_[j].key == 0) {
        break;
      }
      const std::size_t want = home(slots_[j].key);
      // Entry j may fill hole i when its home is not cyclically in (i, j].
      const bool stays = i <= j ? (want > i && want <= j) : (want > i || want <= j);
      if (!stays) {
        slots_[i] = slots_[j];
        i = j;
      }
    }
    slots_[i] = {};
    --size_;
  }

  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint64_t value = 0;
  };
  static constexpr std::size_t kInitialSlots = 1024;

  std::size_t home(std::uint64_t key) const {
    // Ids are random hex, but mix anyway: a log may number its events.
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 20U) & (slots_.size() - 1);
  }
  std::size_t next(std::size_t i) const { return (i + 1) & (slots_.size() - 1); }

  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    size_ = 0;
    for (const Slot& slot : old) {
      if (slot.key != 0) {
        put(slot.key, slot.value);
      }
    }
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace etguard::authlog
