// The inputs of an ONNX model (its graph's inputs that are not initializers),
// read with the ONNX protobuf schema (Debian's libonnx-dev), as the features
// whose names Art. 48(3) is matched against.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "fairness/features.h"

namespace etguard::fairness {

// The model's input names, in the graph's order; a file that is not an ONNX
// model, or one without a graph, is an input error naming it.
Result<std::vector<std::string>> onnx_input_names(const std::string& path);

// The inputs of the ONNX model at `path` matched against `attributes`; the
// necessity assessments come from `schema` (a feature schema of the same
// model, review_features) when given, by input name. Each feature's "line"
// is its position among the model's inputs (1-based).
Result<FeatureReview> review_onnx_inputs(const std::string& path, const FeatureReview* schema,
                                         const std::vector<ProtectedAttribute>& attributes);

}  // namespace etguard::fairness
