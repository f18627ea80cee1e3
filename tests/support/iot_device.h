// A complete IoT register entry for tests: every field Art. 22 asks for set,
// nothing optional; a test changes the fields it is about.
#pragma once

#include <string>

#include "iot/inventory.h"

namespace etguard::testing {

inline iot::Device iot_device(std::string id, std::string address, std::string ports = "443") {
  iot::Device device;
  device.id = std::move(id);
  device.name = "監視器主機";
  device.manager = "總務部";
  device.address = std::move(address);
  device.connection = "wired";
  device.location = "B1";
  device.ports_text = std::move(ports);
  return device;
}

}  // namespace etguard::testing
