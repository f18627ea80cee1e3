#include "fairness/blocks.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace etguard::fairness {
namespace {

// A record longer than this is not a decision.
constexpr std::size_t kMaxRecordBytes = std::size_t{64} << 20U;

struct Item {
  std::string owned;      // the block's bytes when read from a file
  std::string_view view;  // else a view of the caller's text
  std::uint64_t first_line = 1;
};

// Workers taking blocks from a bounded queue.
class Pool {
 public:
  using Work = std::function<bool(const Block& block, std::size_t worker)>;

  Pool(std::size_t jobs, const Work& work) : work_(work), capacity_(2 * jobs) {
    threads_.reserve(jobs);
    for (std::size_t worker = 0; worker < jobs; ++worker) {
      threads_.emplace_back([this, worker] { run(worker); });
    }
  }
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;
  Pool(Pool&&) = delete;
  Pool& operator=(Pool&&) = delete;
  ~Pool() { finish(); }

  // False once a block's work has asked to stop.
  bool submit(Item item) {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [this] { return queue_.size() < capacity_ || stopped_; });
    if (stopped_) {
      return false;
    }
    queue_.push_back(std::move(item));
    ready_.notify_one();
    return true;
  }
  // A buffer a finished block left, to read the next one into: reusing
  // them spares the page faults of fresh memory.
  std::string spare() {
    const std::scoped_lock lock(mutex_);
    if (spares_.empty()) {
      return {};
    }
    std::string buffer = std::move(spares_.back());
    spares_.pop_back();
    return buffer;
  }
  void finish() {
    {
      const std::scoped_lock lock(mutex_);
      closed_ = true;
    }
    ready_.notify_all();
    threads_.clear();  // joins
  }

 private:
  void run(std::size_t worker) {
    while (true) {
      Item item;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return !queue_.empty() || closed_; });
        if (queue_.empty()) {
          return;
        }
        item = std::move(queue_.front());
        queue_.pop_front();
      }
      space_.notify_one();
      const std::string_view text = item.owned.empty() ? item.view : std::string_view(item.owned);
      const bool go_on = work_({text, item.first_line}, worker);
      const std::scoped_lock lock(mutex_);
      if (!go_on) {
        stopped_ = true;
        queue_.clear();  // later blocks are not started
        space_.notify_all();
      }
      if (item.owned.capacity() > 0 && spares_.size() < 2 * capacity_) {
        item.owned.clear();
        spares_.push_back(std::move(item.owned));
      }
    }
  }

  const Work& work_;
  std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable space_;
  std::deque<Item> queue_;
  std::vector<std::string> spares_;
  bool closed_ = false;
  bool stopped_ = false;
  std::vector<std::jthread> threads_;
};

std::uint64_t count_lines(std::string_view text) {
  return static_cast<std::uint64_t>(std::ranges::count(text, '\n'));
}

Error read_error(const std::string& path) {
  const std::string reason = std::strerror(errno);
  return Error{ErrorKind::kIo, fmt::format("{}: cannot read: {}", path, reason),
               fmt::format("{}：無法讀取：{}", path, reason)};
}

// Reads until `size` bytes or the end; -1 on error.
ssize_t read_full(int fd, char* into, std::size_t size) {
  std::size_t got = 0;
  while (got < size) {
    const ssize_t n = ::read(fd, into + got, size - got);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return -1;
    }
    if (n == 0) {
      break;
    }
    got += static_cast<std::size_t>(n);
  }
  return static_cast<ssize_t>(got);
}

}  // namespace

std::size_t first_record_end(std::string_view text, bool csv_quotes) {
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (csv_quotes && text[i] == '"') {
      quoted = !quoted;
    } else if (text[i] == '\n' && !quoted) {
      return i + 1;
    }
  }
  return 0;
}

std::size_t last_record_end(std::string_view text, bool csv_quotes) {
  if (!csv_quotes || text.find('"') == std::string_view::npos) {
    const std::size_t newline = text.rfind('\n');
    return newline == std::string_view::npos ? 0 : newline + 1;
  }
  // Quotes toggle; a newline inside them does not end a record. Every block
  // starts outside quotes, so the state is known from its first byte.
  bool quoted = false;
  std::size_t end = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') {
      quoted = !quoted;
    } else if (text[i] == '\n' && !quoted) {
      end = i + 1;
    }
  }
  return end;
}

Status for_each_block(std::string_view text, std::uint64_t first_line, const BlockReading& reading,
                      const std::function<bool(const Block& block, std::size_t worker)>& work) {
  Pool pool(std::max<std::size_t>(reading.jobs, 1), work);
  while (!text.empty()) {
    std::size_t end = text.size();
    if (text.size() > reading.block_bytes) {
      end = last_record_end(text.substr(0, reading.block_bytes), reading.csv_quotes);
      if (end == 0) {  // one record longer than a block: up to its end
        end = first_record_end(text, reading.csv_quotes);
        end = end == 0 ? text.size() : end;
      }
    }
    Item item;
    item.view = text.substr(0, end);
    item.first_line = first_line;
    first_line += count_lines(item.view);
    if (!pool.submit(std::move(item))) {
      break;
    }
    if (reading.progress) {
      reading.progress(end);
    }
    text.remove_prefix(end);
  }
  pool.finish();
  return {};
}

Status for_each_file_block(const std::string& path, const BlockReading& reading,
                           const std::function<Status(std::string_view record)>& header,
                           const std::function<bool(const Block& block, std::size_t worker)>& work,
                           std::uint64_t& bytes_read) {
  const bool standard_input = path == "-";
  const int fd = standard_input ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const std::string reason = std::strerror(errno);
    return fail(errno == ENOENT ? ErrorKind::kNotFound : ErrorKind::kIo,
                fmt::format("{}: cannot open: {}", path, reason),
                fmt::format("{}：無法開啟：{}", path, reason));
  }
  struct Closer {
    int fd;
    bool owned;
    Closer(int descriptor, bool close_it) : fd(descriptor), owned(close_it) {}
    Closer(const Closer&) = delete;
    Closer& operator=(const Closer&) = delete;
    Closer(Closer&&) = delete;
    Closer& operator=(Closer&&) = delete;
    ~Closer() {
      if (owned) {
        ::close(fd);
      }
    }
  } closer{fd, !standard_input};

  Pool pool(std::max<std::size_t>(reading.jobs, 1), work);
  std::string pending;
  std::uint64_t line = 1;
  bool header_done = !header;
  bool end_of_input = false;
  while (!end_of_input) {
    const std::size_t kept = pending.size();
    ssize_t got = 0;
    // Read straight into the buffer, without first filling it with zeros.
    pending.resize_and_overwrite(
        kept + reading.block_bytes + kBlockPadding, [&](char* data, std::size_t) {
          got = read_full(fd, data + kept, reading.block_bytes);
          return kept + static_cast<std::size_t>(std::max<ssize_t>(got, 0));
        });
    if (got < 0) {
      return std::unexpected(read_error(path));
    }
    end_of_input = got == 0;
    bytes_read += static_cast<std::uint64_t>(got);
    if (reading.progress && got > 0) {
      reading.progress(static_cast<std::uint64_t>(got));
    }
    if (!header_done) {
      const std::size_t end = first_record_end(pending, reading.csv_quotes);
      if (end == 0 && !end_of_input && pending.size() <= kMaxRecordBytes) {
        continue;
      }
      const std::size_t stop = end == 0 ? pending.size() : end;
      if (auto accepted = header(std::string_view(pending).substr(0, stop)); !accepted) {
        return accepted;
      }
      line += count_lines(std::string_view(pending).substr(0, stop));
      pending.erase(0, stop);
      header_done = true;
    }
    std::size_t end = end_of_input ? pending.size() : last_record_end(pending, reading.csv_quotes);
    if (end == 0 && !end_of_input) {
      if (pending.size() > kMaxRecordBytes) {
        return fail(
            ErrorKind::kInput,
            fmt::format("{}:{}: a record longer than {} MiB", path, line, kMaxRecordBytes >> 20U),
            fmt::format("{}:{}：紀錄長度超過 {} MiB", path, line, kMaxRecordBytes >> 20U));
      }
      continue;
    }
    if (end == 0) {
      break;
    }
    std::string rest = pool.spare();
    rest.assign(std::string_view(pending).substr(end));
    pending.resize(end);
    pending.reserve(end + kBlockPadding);
    Item item;
    item.first_line = line;
    line += count_lines(pending);
    item.owned = std::move(pending);
    item.owned.reserve(item.owned.size() + kBlockPadding);  // a short block has no slack
    if (!pool.submit(std::move(item))) {
      break;
    }
    pending = std::move(rest);
  }
  pool.finish();
  return {};
}

}  // namespace etguard::fairness
