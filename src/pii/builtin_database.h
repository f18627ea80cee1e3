// The built-in PII patterns (pii/patterns.h) compiled at build time for the
// build machine and serialized (tools/pii-dbc). Loading them takes
// microseconds where compiling takes about 20 ms; on a machine whose CPU the
// database does not fit, the scanner compiles the patterns itself.
#pragma once

#include <span>

namespace etguard::pii {

std::span<const unsigned char> builtin_database();

}  // namespace etguard::pii
