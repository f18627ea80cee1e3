// Validates JSON documents against a JSON schema (draft-07) with ajv.
// Usage: node validate-schema.mjs SCHEMA.json DOCUMENT.json...
// Exit 0 when every document is valid; 1 with each error's JSON pointer and
// message otherwise; 2 on usage or unreadable files.
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const [schemaPath, ...documents] = process.argv.slice(2);
if (!schemaPath || documents.length === 0) {
  console.error("usage: validate-schema.mjs SCHEMA.json DOCUMENT.json...");
  process.exit(2);
}
let validate;
try {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true });
  addFormats(ajv);
  validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
} catch (error) {
  console.error(`${schemaPath}: ${error.message}`);
  process.exit(2);
}
let failed = false;
for (const path of documents) {
  let document;
  try {
    document = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    console.error(`${path}: ${error.message}`);
    process.exit(2);
  }
  if (validate(document)) {
    console.log(`${path}: valid`);
  } else {
    failed = true;
    for (const error of validate.errors.slice(0, 50)) {
      console.error(`${path}: ${error.instancePath || "/"}: ${error.message} ${JSON.stringify(error.params)}`);
    }
  }
}
process.exit(failed ? 1 : 0);
