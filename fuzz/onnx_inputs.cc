// Fuzz target: an ONNX model (outside input) read for its input names
// through the ONNX protobuf schema; anything must be read or refused with an
// error, and every name read must be an input of the graph that is not an
// initializer. The model is read from a memory file, as from disk.
#include "fairness/onnx_inputs.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const int fd = ::memfd_create("onnx", 0);
  if (fd < 0) {
    return 0;
  }
  std::size_t written = 0;
  while (written < size) {
    const ssize_t n = ::write(fd, data + written, size - written);
    if (n <= 0) {
      ::close(fd);
      return 0;
    }
    written += static_cast<std::size_t>(n);
  }
  const auto review = etguard::fairness::review_onnx_inputs(
      "/proc/self/fd/" + std::to_string(fd), nullptr, etguard::fairness::protected_attributes());
  ::close(fd);
  if (review && review->features.empty()) {
    std::abort();  // a model without inputs is refused, never an empty review
  }
  return 0;
}
