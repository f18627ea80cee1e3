#include "fairness/onnx_inputs.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace etguard::fairness {
namespace {

// A credit model: four inputs, and a weight some exporters list as an input too.
std::filesystem::path write_model() {
  onnx::ModelProto model;
  model.set_ir_version(8);
  model.set_producer_name("etguard-test");
  onnx::GraphProto* graph = model.mutable_graph();
  graph->set_name("credit");
  for (const char* name : {"applicant_age", "income", "residence_district", "page_views", "w0"}) {
    graph->add_input()->set_name(name);
  }
  graph->add_initializer()->set_name("w0");
  graph->add_output()->set_name("score");
  const auto path =
      std::filesystem::temp_directory_path() / ("etg-onnx-" + std::to_string(::getpid()) + ".onnx");
  std::ofstream out(path, std::ios::binary);
  model.SerializeToOstream(&out);
  return path;
}

TEST(OnnxInputs, InputsButNotInitializersInGraphOrder) {
  const auto path = write_model();
  auto names = onnx_input_names(path.string());
  std::filesystem::remove(path);
  ASSERT_TRUE(names.has_value()) << names.error().message;
  EXPECT_EQ(*names, (std::vector<std::string>{"applicant_age", "income", "residence_district",
                                              "page_views"}));
}

TEST(OnnxInputs, SensitiveInputsAreMatchedAndTheSchemaGivesTheirAssessment) {
  const auto path = write_model();
  FeatureReview schema;
  schema.source = "credit.features.yaml";
  schema.model = "credit-v3";
  Feature age;
  age.name = "applicant_age";
  age.line = 7;
  age.has_necessity = true;
  age.necessity = {"encrypted", "allowed", "limits", "Risk Committee", "2026-10-01"};
  schema.features.push_back(age);
  auto alone = review_onnx_inputs(path.string(), nullptr, protected_attributes());
  auto merged = review_onnx_inputs(path.string(), &schema, protected_attributes());
  std::filesystem::remove(path);
  ASSERT_TRUE(alone.has_value());
  ASSERT_EQ(alone->features.size(), 4U);
  EXPECT_EQ(alone->features[0].attributes, std::vector<std::string>{"age"});
  EXPECT_EQ(alone->features[2].attributes, std::vector<std::string>{"residence"});
  EXPECT_FALSE(alone->features[0].has_necessity);
  EXPECT_EQ(alone->features[2].line, 3);
  ASSERT_TRUE(merged.has_value());
  EXPECT_TRUE(merged->features[0].has_necessity);
  EXPECT_EQ(merged->features[0].line, 1);
  EXPECT_EQ(merged->features[0].necessity.approved_by, "Risk Committee");
  EXPECT_EQ(merged->source, path.string());
  EXPECT_EQ(merged->model, "credit-v3");
}

TEST(OnnxInputs, AFileThatIsNotAModelIsRefused) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("etg-not-onnx-" + std::to_string(::getpid()) + ".onnx");
  std::ofstream(path) << "features:\n  - age\n";
  auto names = onnx_input_names(path.string());
  std::filesystem::remove(path);
  ASSERT_FALSE(names.has_value());
  EXPECT_NE(names.error().message.find("not an ONNX model"), std::string::npos);
}

}  // namespace
}  // namespace etguard::fairness
