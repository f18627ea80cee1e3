// Bounds-checked little-endian reading for Android's binary formats (binary
// XML, the resource table, DEX, the APK Signing Block).
//
// LeReader never reads past its span: a read on too little input sets the
// failed flag and returns zero, so a parser checks ok() after a block of
// reads instead of after every field.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace etguard::mobile {

using ByteSpan = std::span<const std::uint8_t>;

// The bytes of a text read whole from an archive.
inline ByteSpan bytes_of(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

class LeReader {
 public:
  explicit LeReader(ByteSpan data, std::size_t position = 0) : data_(data) { seek(position); }

  std::uint32_t u8() { return static_cast<std::uint32_t>(little(1)); }
  std::uint32_t u16() { return static_cast<std::uint32_t>(little(2)); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(little(4)); }
  std::uint64_t u64() { return little(8); }

  // `count` bytes, or an empty span (and the failed flag) when fewer remain.
  ByteSpan take(std::uint64_t count) {
    if (failed_ || count > data_.size() - position_) {
      failed_ = true;
      return {};
    }
    const ByteSpan taken = data_.subspan(position_, static_cast<std::size_t>(count));
    position_ += static_cast<std::size_t>(count);
    return taken;
  }
  // A block prefixed by its length as a little-endian u32 (the APK Signing Block's form).
  ByteSpan block32() { return take(u32()); }

  void seek(std::uint64_t position) {
    if (position > data_.size()) {
      failed_ = true;
      position_ = data_.size();
    } else {
      position_ = static_cast<std::size_t>(position);
    }
  }
  void skip(std::uint64_t count) { take(count); }

  std::size_t position() const { return position_; }
  std::size_t remaining() const { return failed_ ? 0 : data_.size() - position_; }
  bool ok() const { return !failed_; }

 private:
  std::uint64_t little(std::size_t width) {
    const ByteSpan bytes = take(width);
    std::uint64_t value = 0;
    for (std::size_t i = bytes.size(); i > 0; --i) {
      value = (value << 8U) | bytes[i - 1];
    }
    return value;
  }

  ByteSpan data_;
  std::size_t position_ = 0;
  bool failed_ = false;
};

}  // namespace etguard::mobile
