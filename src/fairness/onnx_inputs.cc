#include "fairness/onnx_inputs.h"

#include <fmt/format.h>
#include <onnx/onnx_pb.h>

#include <algorithm>
#include <fstream>
#include <set>

namespace etguard::fairness {

Result<std::vector<std::string>> onnx_input_names(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(ErrorKind::kInput, fmt::format("{}: cannot read the model", path),
                fmt::format("{}：無法讀取模型", path));
  }
  onnx::ModelProto model;
  if (!model.ParseFromIstream(&in)) {
    return fail(ErrorKind::kInput, fmt::format("{}: not an ONNX model (protobuf ModelProto)", path),
                fmt::format("{}：不是 ONNX 模型（protobuf ModelProto）", path));
  }
  if (!model.has_graph() || model.graph().input_size() == 0) {
    return fail(ErrorKind::kInput, fmt::format("{}: the ONNX model has no graph inputs", path),
                fmt::format("{}：ONNX 模型無輸入", path));
  }
  std::set<std::string> initializers;
  for (const onnx::TensorProto& tensor : model.graph().initializer()) {
    initializers.insert(tensor.name());
  }
  std::vector<std::string> names;
  for (const onnx::ValueInfoProto& input : model.graph().input()) {
    if (!initializers.contains(input.name())) {  // older models list weights as inputs
      names.push_back(input.name());
    }
  }
  return names;
}

Result<FeatureReview> review_onnx_inputs(const std::string& path, const FeatureReview* schema,
                                         const std::vector<ProtectedAttribute>& attributes) {
  auto names = onnx_input_names(path);
  if (!names) {
    return std::unexpected(names.error());
  }
  FeatureReview review;
  review.source = path;
  review.model = schema == nullptr || schema->model.empty() ? path : schema->model;
  int position = 0;
  for (const std::string& name : *names) {
    Feature feature;
    if (schema != nullptr) {
      const auto described = std::ranges::find(schema->features, name, &Feature::name);
      if (described != schema->features.end()) {
        feature = *described;
      }
    }
    feature.name = name;
    feature.line = ++position;
    feature.attributes = match_attributes(feature, attributes);
    review.features.push_back(std::move(feature));
  }
  return review;
}

}  // namespace etguard::fairness
