// A TCP connection for a probe, on Boost.Asio through Beast's tcp_stream:
// each step blocks until it is done or the probe's timeout has passed, so no
// device can hold a probe longer than that.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <string>
#include <utility>

namespace etguard::iot::probe {

class DeadlineStream {
 public:
  explicit DeadlineStream(std::chrono::milliseconds timeout) : timeout_(timeout) {}

  boost::system::error_code connect(const std::string& address, int port);
  // Sends all of `bytes`.
  boost::system::error_code write(std::string_view bytes);
  // The next line without its "\r\n"; an error for a line over 4 KiB.
  boost::system::error_code read_line(std::string& line) { return read_line(line, timeout_); }
  // The same, waiting at most `wait`.
  boost::system::error_code read_line(std::string& line, std::chrono::milliseconds wait);
  // Whatever arrives next (at most 4 KiB), waiting at most `wait`.
  boost::system::error_code read_some(std::string& bytes, std::chrono::milliseconds wait);

  // Runs the asynchronous operation `start(handler)` on this stream to its
  // end, within the timeout (or `wait`).
  template <class Start>
  boost::system::error_code run(Start&& start) {
    return run_for(timeout_, std::forward<Start>(start));
  }
  template <class Start>
  boost::system::error_code run_for(std::chrono::milliseconds wait, Start&& start) {
    boost::system::error_code result;
    stream_.expires_after(wait);
    start([&result](boost::system::error_code error, std::size_t /*bytes*/) { result = error; });
    io_.restart();
    io_.run();
    return result;
  }

  boost::beast::tcp_stream& stream() { return stream_; }

 private:
  std::chrono::milliseconds timeout_;
  boost::asio::io_context io_;
  boost::beast::tcp_stream stream_{io_};
  std::string buffered_;
};

}  // namespace etguard::iot::probe
