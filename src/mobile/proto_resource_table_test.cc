// An App Bundle's resource table written with the generated protobuf classes
// in the layout aapt2 gives it (checked with protoc --decode_raw on
// testdata/good.aab): the default configuration's value wins over a
// localized one met first, references resolve, and what is not a table is
// refused.
#include <gtest/gtest.h>

#include "mobile/aapt_xml.pb.h"
#include "mobile/binary_xml.h"
#include "mobile/resource_table.h"

namespace etguard::mobile {
namespace {

aapt::Entry* add_entry(aapt::Type* type, std::uint32_t id, const char* name) {
  aapt::Entry* entry = type->add_entry();
  entry->mutable_entry_id()->set_id(id);
  entry->set_name(name);
  return entry;
}

Result<ResourceTable> decoded(const aapt::ResourceTable& table) {
  const std::string bytes = table.SerializeAsString();
  return read_proto_resource_table(
      ByteSpan(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()), "t.pb");
}

TEST(ProtoResourceTable, DefaultValuesReferencesAndFilesAsResourcesArscGivesThem) {
  aapt::ResourceTable table;
  aapt::Package* package = table.add_package();
  package->mutable_package_id()->set_id(0x7f);
  aapt::Type* bools = package->add_type();
  bools->mutable_type_id()->set_id(2);
  bools->set_name("bool");
  aapt::Entry* debug = add_entry(bools, 0, "debug");
  aapt::ConfigValue* localized = debug->add_config_value();
  // A configuration with a field set (field 1, "zh"): kept as an unknown field.
  ASSERT_TRUE(localized->mutable_config()->ParseFromString(std::string("\x0a\x02zh", 4)));
  localized->mutable_value()->mutable_item()->mutable_prim()->set_boolean_value(false);
  debug->add_config_value()->mutable_value()->mutable_item()->mutable_prim()->set_boolean_value(
      true);
  add_entry(bools, 1, "alias")
      ->add_config_value()
      ->mutable_value()
      ->mutable_item()
      ->mutable_ref()
      ->set_id(0x7f020000);
  aapt::Type* xml = package->add_type();
  xml->mutable_type_id()->set_id(3);
  xml->set_name("xml");
  add_entry(xml, 0, "network")
      ->add_config_value()
      ->mutable_value()
      ->mutable_item()
      ->mutable_file()
      ->set_path("res/xml/network.xml");
  const auto read = decoded(table);
  ASSERT_TRUE(read) << read.error().message;
  const ResourceValue* value = read->resolve(0x7f020001);  // alias -> debug
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(value->type, static_cast<std::uint8_t>(ValueType::kBoolean));
  EXPECT_EQ(value->data, 0xFFFFFFFFU);  // the default configuration's true
  ASSERT_NE(read->resolve(0x7f030000), nullptr);
  EXPECT_EQ(read->resolve(0x7f030000)->text, "res/xml/network.xml");
  EXPECT_EQ(read->resolve(0x7f040000), nullptr);
}

TEST(ProtoResourceTable, WhatIsNotATableIsAnInputErrorNamingIt) {
  const std::string garbage = "\xff\xff\xff\xff\x0f";
  const auto read = read_proto_resource_table(
      ByteSpan(reinterpret_cast<const std::uint8_t*>(garbage.data()), garbage.size()), "t.pb");
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().message.find("t.pb"), std::string::npos);
  EXPECT_NE(read.error().message.find("not aapt2's protobuf resource table"), std::string::npos);
}

}  // namespace
}  // namespace etguard::mobile
