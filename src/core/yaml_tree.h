// The storage behind YamlNode: every node of one document in arrays, scalars'
// text in one buffer, a container's children contiguous (a mapping's as key,
// value, key, value). Built by parse_yaml_document; read through YamlNode.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/yaml_node.h"

namespace etguard {

struct YamlTree {
  enum class Kind : std::uint8_t { kNull, kScalar, kSequence, kMap };
  struct Data {
    Kind kind = Kind::kNull;
    YamlMark mark;
    std::size_t first = 0;   // into `text` for a scalar, into `children` for a container
    std::size_t count = 0;   // bytes of a scalar, children of a container
    bool local_tag = false;  // an application's tag ("!Ref"), not a YAML one ("!!str")
  };
  std::vector<Data> nodes;
  std::vector<std::uint32_t> children;
  std::string text;
};

}  // namespace etguard
