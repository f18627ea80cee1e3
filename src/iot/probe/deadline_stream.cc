#include "iot/probe/deadline_stream.h"

#include <array>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>

namespace etguard::iot::probe {

namespace asio = boost::asio;
using boost::system::error_code;

error_code DeadlineStream::connect(const std::string& address, int port) {
  error_code error;
  const asio::ip::address ip = asio::ip::make_address(address, error);
  if (error) {
    return error;
  }
  const asio::ip::tcp::endpoint endpoint(ip, static_cast<unsigned short>(port));
  return run([&](auto handler) {
    stream_.async_connect(endpoint,
                          [handler](error_code connected) mutable { handler(connected, 0); });
  });
}

error_code DeadlineStream::write(std::string_view bytes) {
  return run([&](auto handler) {
    asio::async_write(stream_, asio::buffer(bytes.data(), bytes.size()), handler);
  });
}

error_code DeadlineStream::read_line(std::string& line, std::chrono::milliseconds wait) {
  constexpr std::size_t kMaxLine = 4096;
  std::size_t length = 0;
  const error_code error = run_for(wait, [&](auto handler) {
    asio::async_read_until(stream_, asio::dynamic_buffer(buffered_, kMaxLine), "\r\n",
                           [&length, handler](error_code read, std::size_t bytes) mutable {
                             length = bytes;
                             handler(read, bytes);
                           });
  });
  if (error) {
    return error;
  }
  line.assign(buffered_, 0, length - 2);
  buffered_.erase(0, length);
  return {};
}

error_code DeadlineStream::read_some(std::string& bytes, std::chrono::milliseconds wait) {
  if (!buffered_.empty()) {
    bytes = std::move(buffered_);
    buffered_.clear();
    return {};
  }
  std::array<char, 4096> buffer{};
  std::size_t got = 0;
  const error_code error = run_for(wait, [&](auto handler) {
    stream_.async_read_some(asio::buffer(buffer),
                            [&got, handler](error_code read, std::size_t bytes_read) mutable {
                              got = bytes_read;
                              handler(read, bytes_read);
                            });
  });
  bytes.assign(buffer.data(), got);
  return error;
}

}  // namespace etguard::iot::probe
