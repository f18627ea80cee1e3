// Validates JSON documents against a JSON schema with ajv: draft-07, or draft
// 2020-12 when the schema says so in $schema (OpenAPI 3.1 uses it).
// Usage: node validate-schema.mjs SCHEMA.json DOCUMENT.json...
//        node validate-schema.mjs OPENAPI.json#/components/schemas/NAME DOCUMENT.json...
//   The second form checks documents against one schema an OpenAPI document
//   declares (its $refs resolved inside that document).
// Exit 0 when every document is valid; 1 with each error's JSON pointer and
// message otherwise; 2 on usage or unreadable files.
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [target, ...documents] = process.argv.slice(2);
if (!target || documents.length === 0) {
  console.error("usage: validate-schema.mjs SCHEMA.json[#/pointer] DOCUMENT.json...");
  process.exit(2);
}
const [schemaPath, pointer] = target.split("#");
// ajv resolves a $dynamicRef to the nearest enclosing schema rather than to
// the root's $dynamicAnchor, which breaks the OpenAPI 3.1 schema's
// {"$dynamicRef": "#meta"}. Without an extending dialect the two mean the
// same, so each is rewritten as a plain $ref to the root's anchored $defs entry.
function staticDynamicRefs(schema) {
  const anchors = {};
  for (const [name, definition] of Object.entries(schema.$defs || {})) {
    if (definition && definition.$dynamicAnchor) anchors[definition.$dynamicAnchor] = `#/$defs/${name}`;
  }
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const anchor = typeof node.$dynamicRef === "string" && node.$dynamicRef.startsWith("#")
      ? anchors[node.$dynamicRef.slice(1)] : undefined;
    if (anchor) {
      delete node.$dynamicRef;
      node.$ref = anchor;
    }
    Object.values(node).forEach(walk);
  };
  walk(schema);
  return schema;
}

let validate;
try {
  const schema = staticDynamicRefs(JSON.parse(readFileSync(schemaPath, "utf8")));
  const draft2020 = String(schema.$schema || "").includes("2020-12") ||
    String(schema.openapi || "").startsWith("3.1");
  const Validator = draft2020 ? Ajv2020 : Ajv;
  const ajv = new Validator({ allErrors: true, strict: false, unicodeRegExp: true });
  addFormats(ajv);
  // Formats the OpenAPI schema names that JSON Schema does not define.
  ajv.addFormat("media-range", true);
  if (pointer) {
    ajv.addSchema(schema, "document");
    validate = ajv.getSchema(`document#${pointer}`);
    if (!validate) {
      throw new Error(`no schema at #${pointer}`);
    }
  } else {
    validate = ajv.compile(schema);
  }
} catch (error) {
  console.error(`${target}: ${error.message}`);
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
