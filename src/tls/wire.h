// Big-endian byte building and bounds-checked reading for TLS wire formats.
//
// ByteReader never reads past its span: every read on too little input sets
// the reader's failed flag and returns zero, so a parser checks ok() once
// after a block of reads instead of after every field.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace etguard::tls {

using Bytes = std::vector<std::uint8_t>;

class ByteWriter {
 public:
  void u8(std::uint32_t value) { bytes_.push_back(static_cast<std::uint8_t>(value)); }
  void u16(std::uint32_t value) {
    u8(value >> 8U);
    u8(value);
  }
  void u24(std::uint32_t value) {
    u8(value >> 16U);
    u16(value & 0xFFFFU);
  }
  void append(std::span<const std::uint8_t> data) {
    bytes_.insert(bytes_.end(), data.begin(), data.end());
  }
  // Starts a length prefix of `width` bytes (1, 2 or 3); close it with end_length.
  std::size_t begin_length(std::size_t width);
  void end_length(std::size_t mark);

  const Bytes& bytes() const { return bytes_; }
  Bytes take() { return std::move(bytes_); }

 private:
  Bytes bytes_;
  std::vector<std::size_t> widths_;
};

class ByteReader {
 public:
  explicit ByteReader(std::span<const std::uint8_t> data) : data_(data) {}

  std::uint32_t u8();
  std::uint32_t u16();
  std::uint32_t u24();
  std::span<const std::uint8_t> take(std::size_t count);
  // A block prefixed by its length in `width` bytes.
  std::span<const std::uint8_t> block(std::size_t width);
  ByteReader sub(std::size_t width) { return ByteReader(block(width)); }

  std::size_t remaining() const { return failed_ ? 0 : data_.size() - position_; }
  bool empty() const { return remaining() == 0; }
  bool ok() const { return !failed_; }

 private:
  std::span<const std::uint8_t> data_;
  std::size_t position_ = 0;
  bool failed_ = false;
};

}  // namespace etguard::tls
