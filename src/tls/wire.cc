#include "tls/wire.h"

namespace etguard::tls {

std::size_t ByteWriter::begin_length(std::size_t width) {
  const std::size_t mark = bytes_.size();
  bytes_.insert(bytes_.end(), width, 0);
  widths_.push_back(width);
  return mark;
}

void ByteWriter::end_length(std::size_t mark) {
  const std::size_t width = widths_.back();
  widths_.pop_back();
  std::size_t length = bytes_.size() - mark - width;
  for (std::size_t i = width; i-- > 0;) {
    bytes_[mark + i] = static_cast<std::uint8_t>(length & 0xFFU);
    length >>= 8U;
  }
}

std::span<const std::uint8_t> ByteReader::take(std::size_t count) {
  if (failed_ || data_.size() - position_ < count) {
    failed_ = true;
    return {};
  }
  auto part = data_.subspan(position_, count);
  position_ += count;
  return part;
}

std::uint32_t ByteReader::u8() {
  auto part = take(1);
  return part.empty() ? 0 : part[0];
}

std::uint32_t ByteReader::u16() {
  auto part = take(2);
  return part.empty() ? 0 : (std::uint32_t{part[0]} << 8U) | part[1];
}

std::uint32_t ByteReader::u24() {
  auto part = take(3);
  return part.empty() ? 0
                      : (std::uint32_t{part[0]} << 16U) | (std::uint32_t{part[1]} << 8U) | part[2];
}

std::span<const std::uint8_t> ByteReader::block(std::size_t width) {
  std::size_t length = 0;
  for (std::size_t i = 0; i < width; ++i) {
    length = (length << 8U) | u8();
  }
  return take(length);
}

}  // namespace etguard::tls
