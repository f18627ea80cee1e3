// A model card and data sheet per AI system (Art. 52): the lifecycle
// technical documentation and the records of the data, model and algorithm
// decisions that may affect decisions, kept so they can be examined. One
// YAML file (format etguard.model_card 1.0, docs/model-cards.md; a JSON
// Schema in schemas/model-card.schema.json for editors); the reader locates
// every mistake and lists what a complete card lacks.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace etguard::modelcard {

struct DataSet {
  std::string name;
  std::string source;
  std::string period;
  bool personal_data = false;
  std::string preprocessing;
};

struct Change {
  std::string date;  // YYYY-MM-DD
  std::string version;
  std::string what;
  std::string approved_by;
};

struct Document {
  std::string name;
  std::string location;  // a path or URL where the document is kept
};

struct Card {
  std::string source;  // the file
  std::string system;  // the AI register's id
  std::string model_name;
  std::string model_version;
  std::string model_type;
  std::string developed_by;  // in_house | outsourced
  std::string vendor;        // when outsourced
  std::string intended_use;
  std::string out_of_scope;
  std::vector<DataSet> data;
  std::string training_date;
  std::string algorithm;
  std::string evaluation_date;
  std::string evaluation_metrics;   // as written
  std::string fairness_evaluation;  // where the fairness measurement is kept
  std::string limitations;
  std::vector<Change> changes;  // oldest first
  std::vector<Document> documents;
  std::string reviewed;  // the last date the card was confirmed current
};

// What a complete card lacks: one line per gap, both languages.
struct Gap {
  std::string field;  // data, changes, ...
  std::string en;
  std::string zh;
};

struct Reading {
  Card card;
  std::vector<Gap> gaps;
};

// Reads a card; a file that is not one (syntax, unknown keys, wrong types,
// impossible dates, changes out of order) is an input error listing every
// problem "FILE:LINE:COLUMN: code: message".
Result<Reading> read_card(const std::string& path);
Result<Reading> parse_card(const std::string& source, const std::string& text);

}  // namespace etguard::modelcard
