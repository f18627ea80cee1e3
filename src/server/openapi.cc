#include "server/openapi.h"

namespace etguard::server {

std::string_view openapi_document() {
  return R"json({
  "openapi": "3.1.0",
  "info": {
    "title": "etguard API",
    "summary": "The JSON API of etguard serve: the assessment dashboard, the guideline, the session.",
    "description": "Every answer is also a page of the web interface; both call the same use cases and enforce the same roles. Log in through /login (password and authenticator code, or password and then a security key through /login/key); the session cookie authenticates later requests. A pipeline presents an API token instead (etguard token add; Authorization: Bearer): it reaches the JSON API only, never a page, acts in the token's role and objects, needs no CSRF token and never counts as a recent re-authentication. Errors are {\"error\": text, \"status\": code} in the language the browser asks for.",
    "version": "1.0.0",
    "license": {"name": "Proprietary", "identifier": "LicenseRef-etguard"}
  },
  "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
  "security": [{"session": []}, {"token": []}],
  "paths": {
    "/api/session": {
      "get": {
        "operationId": "getSession",
        "summary": "Who is logged in, their role and the CSRF token for changing requests",
        "responses": {
          "200": {"description": "The session", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Session"}}}},
          "401": {"$ref": "#/components/responses/LoggedOut"}
        }
      }
    },
    "/api/dashboard": {
      "get": {
        "operationId": "getDashboard",
        "summary": "Where the assessment stands and what is due, limited to what the caller may reach",
        "responses": {
          "200": {"description": "The dashboard", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Dashboard"}}}},
          "401": {"$ref": "#/components/responses/LoggedOut"}
        }
      }
    },
    "/api/assessment": {
      "get": {
        "operationId": "getAssessmentGrid",
        "summary": "The applicable requirement and object lines with status, owner and due date, filtered and paged; an owner gets their objects and assignments only",
        "parameters": [
          {"name": "chapter", "in": "query", "description": "One chapter (1 to 8); absent: all", "schema": {"type": "integer", "minimum": 0, "maximum": 99}},
          {"name": "owner", "in": "query", "description": "One owner; '-' for lines without one", "schema": {"type": "string"}},
          {"name": "status", "in": "query", "schema": {"enum": ["compliant", "partially_compliant", "non_compliant", "not_applicable", "compensating", "not_assessed"]}},
          {"name": "object", "in": "query", "description": "org, a register object (cloud/core-dr) or a kind (cloud)", "schema": {"type": "string"}},
          {"name": "due", "in": "query", "description": "overdue, or due within 1, 7 or 30 days (overdue included)", "schema": {"enum": ["any", "overdue", "1", "7", "30"]}},
          {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 200}}
        ],
        "responses": {
          "200": {"description": "The matching lines in catalog order", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AssessmentGrid"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"}
        }
      }
    },
    "/api/result": {
      "parameters": [{"$ref": "#/components/parameters/Node"}, {"$ref": "#/components/parameters/Object"}],
      "get": {
        "operationId": "getResult",
        "summary": "One line of the grid: the requirement, its result, every value it has had, and what the caller may change",
        "responses": {
          "200": {"description": "The line", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ResultLine"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      },
      "post": {
        "operationId": "changeResult",
        "summary": "Changes the line's result: only the keys given change; plan null clears the plan. Needs the session's CSRF token in X-CSRF-Token. Recorded in the ledger with the caller as actor.",
        "requestBody": {
          "required": true,
          "content": {"application/json": {"schema": {
            "type": "object",
            "properties": {
              "status": {"enum": ["compliant", "partially_compliant", "non_compliant", "not_applicable", "compensating", "not_assessed"]},
              "owner": {"type": "string", "description": "Officers and administrators only"},
              "note": {"type": "string"},
              "justification": {"type": "string"},
              "due_date": {"type": "string", "description": "YYYY-MM-DD; empty clears"},
              "plan": {"oneOf": [{"type": "null"}, {"type": "object", "properties": {
                "action": {"type": "string"}, "owner": {"type": "string"}, "due": {"type": "string"},
                "status": {"enum": ["open", "in_progress", "done"]}}}]}
            }
          }}}
        },
        "responses": {
          "200": {"description": "The line as it stands after the change", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ResultLine"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/comments": {
      "parameters": [{"$ref": "#/components/parameters/Node"}, {"$ref": "#/components/parameters/Object"}],
      "post": {
        "operationId": "addComment",
        "summary": "Adds a comment to the line (immutable; at most 4,000 characters); for whoever may change the line. Needs the session's CSRF token in X-CSRF-Token. Recorded in the ledger (comment.add) with the caller as actor; the line's comments come with GET /api/result.",
        "requestBody": {
          "required": true,
          "content": {"application/json": {"schema": {"type": "object", "required": ["body"], "properties": {"body": {"type": "string"}}}}}
        },
        "responses": {
          "200": {"description": "The comment as recorded", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Comment"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/registers": {
      "get": {
        "operationId": "getRegisters",
        "summary": "The register entries the caller reaches, with their owner, facts, details and dates, filtered by register and searched in id, name or owner (either case), 200 a page; and how many entries each register of the catalog has. An owner sees their own entries only.",
        "parameters": [
          {"name": "register", "in": "query", "description": "One register (cloud, mobile_app…)", "schema": {"type": "string"}},
          {"name": "q", "in": "query", "description": "Text in the id, name or owner", "schema": {"type": "string", "maxLength": 200}},
          {"name": "offset", "in": "query", "description": "The first matching entry shown", "schema": {"type": "integer", "minimum": 0}}
        ],
        "responses": {
          "200": {"description": "The entries", "content": {"application/json": {"schema": {
            "type": "object", "required": ["schema", "version", "counts", "total", "offset", "entries"],
            "properties": {
              "schema": {"const": "etguard.registers"}, "version": {"const": "1.0"},
              "counts": {"type": "array", "items": {"type": "object", "required": ["register", "entries"],
                "properties": {"register": {"type": "string"}, "entries": {"type": "integer", "minimum": 0}}}},
              "total": {"type": "integer", "minimum": 0}, "offset": {"type": "integer", "minimum": 0},
              "entries": {"type": "array", "items": {"type": "object",
                "required": ["register", "id", "name", "owner", "facts", "details", "dates"],
                "properties": {"register": {"type": "string"}, "id": {"type": "string"}, "name": {"type": "string"}, "owner": {"type": "string"},
                  "facts": {"type": "object", "additionalProperties": {"type": "boolean"}},
                  "details": {"type": "object", "additionalProperties": {"type": "string"}},
                  "dates": {"type": "object", "additionalProperties": {"type": "string"}}}}}
            }}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"}
        }
      }
    },
    "/api/registers/entry/remove": {
      "post": {
        "operationId": "removeRegisterEntry",
        "summary": "Removes one register entry, by an officer or administrator; one that results or evidence point at only with force (they are kept). Needs the session's CSRF token in X-CSRF-Token. Recorded in the ledger with the caller as actor.",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {
          "type": "object", "required": ["key"], "properties": {"key": {"type": "string"}, "force": {"type": "boolean"}}}}}},
        "responses": {
          "200": {"description": "What was removed", "content": {"application/json": {"schema": {
            "type": "object", "required": ["key", "removed"],
            "properties": {"key": {"type": "string"}, "removed": {"type": "array", "items": {"type": "string"}}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/registers/import": {
      "post": {
        "operationId": "importRegisters",
        "summary": "Imports a registers file (YAML, XLSX or CSV, told by the extension of the name in X-File-Name; at most 32 MiB) as the body, with the checks of etguard registers import: the profile and the registers the file names are replaced, the others kept. dry_run=1 (the default) says what would be added, changed and removed and changes nothing. Removing entries that results or evidence point at is refused. Officers and administrators only. Needs the session's CSRF token in X-CSRF-Token. Recorded in the ledger with the caller as actor.",
        "parameters": [
          {"name": "dry_run", "in": "query", "schema": {"enum": ["0", "1"]}},
          {"name": "X-File-Name", "in": "header", "required": true, "description": "The file's name, URL-encoded", "schema": {"type": "string"}}
        ],
        "requestBody": {"required": true, "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
        "responses": {
          "200": {"description": "What changed, or would", "content": {"application/json": {"schema": {
            "type": "object", "required": ["schema", "version", "dry_run", "added", "changed", "removed", "orphaned"],
            "properties": {"schema": {"const": "etguard.registers-import"}, "version": {"const": "1.0"}, "dry_run": {"type": "boolean"},
              "added": {"type": "array", "items": {"type": "string"}}, "changed": {"type": "array", "items": {"type": "string"}},
              "removed": {"type": "array", "items": {"type": "string"}}, "orphaned": {"type": "array", "items": {"type": "string"}}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"}
        }
      }
    },
    "/api/registers/entry": {
      "post": {
        "operationId": "setRegisterEntry",
        "summary": "Adds or changes one register entry with the checks of an import (known register and facts, real dates, no contradiction); fields not given keep their value, a detail or date given \"\" is removed. Officers and administrators change any entry; an owner changes their own entries only, neither adding one nor handing one to someone else. Needs the session's CSRF token in X-CSRF-Token. Recorded in the ledger with the caller as actor.",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {
          "type": "object", "required": ["key"],
          "properties": {"key": {"type": "string", "description": "REGISTER/ID"}, "name": {"type": "string"}, "owner": {"type": "string"},
            "facts": {"type": "object", "additionalProperties": {"type": "boolean"}},
            "details": {"type": "object", "additionalProperties": {"type": "string"}},
            "dates": {"type": "object", "additionalProperties": {"type": "string"}}}}}}},
        "responses": {
          "200": {"description": "What changed", "content": {"application/json": {"schema": {
            "type": "object", "required": ["key", "added", "changed"],
            "properties": {"key": {"type": "string"}, "added": {"type": "array", "items": {"type": "string"}}, "changed": {"type": "array", "items": {"type": "string"}}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"}
        }
      }
    },
    "/api/scope": {
      "get": {
        "operationId": "getScope",
        "summary": "Every requirement (informative text left out) with whether it applies, to how many register entries and why; with node, that requirement explained: its inherited conditions, the instruments the firm follows and each register entry's deciding facts, a page at a time. An owner sees the firm-wide requirements and their own entries only.",
        "parameters": [
          {"name": "chapter", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 99}},
          {"name": "applies", "in": "query", "schema": {"enum": ["yes", "no"]}},
          {"name": "node", "in": "query", "description": "A requirement ID to explain", "schema": {"type": "string"}},
          {"name": "offset", "in": "query", "description": "The first register entry of the explained requirement shown (200 a page)", "schema": {"type": "integer", "minimum": 0}}
        ],
        "responses": {
          "200": {"description": "The requirements and their decisions", "content": {"application/json": {"schema": {
            "type": "object", "required": ["schema", "version", "lines"],
            "properties": {
              "schema": {"const": "etguard.scope"}, "version": {"const": "1.0"},
              "lines": {"type": "array", "items": {"type": "object",
                "required": ["id", "obligation", "subject", "applies", "objects", "objects_applying", "reason"],
                "properties": {"id": {"type": "string"}, "obligation": {"enum": ["shall", "should", "may"]}, "subject": {"type": "string"},
                  "applies": {"type": "boolean"}, "objects": {"type": "integer", "minimum": 0}, "objects_applying": {"type": "integer", "minimum": 0}, "reason": {"type": "string"}}}},
              "explained": {"type": "object", "required": ["id", "conditions", "unless", "instruments", "total", "offset", "objects"],
                "properties": {"id": {"type": "string"}, "conditions": {"type": "array", "items": {"type": "string"}}, "unless": {"type": "array", "items": {"type": "string"}},
                  "instruments": {"type": "array", "items": {"type": "string"}}, "total": {"type": "integer"}, "offset": {"type": "integer"},
                  "objects": {"type": "array", "items": {"type": "object", "required": ["object", "applies", "facts"],
                    "properties": {"object": {"type": "string"}, "applies": {"type": "boolean"}, "facts": {"type": "array", "items": {"type": "object",
                      "required": ["fact", "value", "source", "unless"],
                      "properties": {"fact": {"type": "string"}, "value": {"type": "boolean"}, "source": {"type": "string"}, "unless": {"type": "boolean"}}}}}}}}}
            }}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/ledger": {
      "get": {
        "operationId": "getLedger",
        "summary": "The ledger verified (entries, signed checkpoints, records against the ledger), its head and the newest entries; administrators, officers and auditors",
        "parameters": [
          {"name": "limit", "in": "query", "description": "How many of the newest entries", "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}}
        ],
        "responses": {
          "200": {"description": "The verification and the newest entries, newest first", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LedgerView"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"}
        }
      }
    },
    "/api/evidence": {
      "get": {
        "operationId": "listEvidence",
        "summary": "Evidence records the caller reaches, newest first, each with its review state (pending, approved, rejected, withdrawn) and whether the caller may review it",
        "parameters": [
          {"name": "node", "in": "query", "description": "One requirement", "schema": {"type": "string"}},
          {"name": "object", "in": "query", "description": "One object (org, cloud/core-dr)", "schema": {"type": "string"}},
          {"name": "pending", "in": "query", "description": "Present: only what awaits review", "schema": {"type": "string"}}
        ],
        "responses": {
          "200": {"description": "The records", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EvidenceList"}}}},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"}
        }
      }
    },
    "/api/evidence/review": {
      "post": {
        "operationId": "reviewEvidence",
        "summary": "Approves or rejects (with a comment) a record: administrators and officers, never a record they added (four eyes); needs the CSRF token in X-CSRF-Token; recorded in the ledger (evidence.review)",
        "requestBody": {
          "required": true,
          "content": {"application/json": {"schema": {
            "type": "object", "required": ["id", "decision"],
            "properties": {"id": {"type": "integer", "minimum": 1}, "decision": {"enum": ["approve", "reject"]}, "comment": {"type": "string"}}
          }}}
        },
        "responses": {
          "200": {"description": "The review recorded", "content": {"application/json": {"schema": {
            "type": "object", "required": ["schema", "version", "evidence", "decision", "comment", "reviewer", "reviewed_at"],
            "properties": {"schema": {"const": "etguard.evidence-review"}, "version": {"const": "1.0"}, "evidence": {"type": "integer"},
              "decision": {"enum": ["approved", "rejected"]}, "comment": {"type": "string"}, "reviewer": {"type": "string"}, "reviewed_at": {"type": "string"}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/evidence/upload": {
      "post": {
        "operationId": "uploadEvidence",
        "summary": "Adds a file as evidence for one line: the body is the file (up to 32 MiB), its name percent-encoded in X-File-Name; by whoever may change the line; stored content-addressed; needs the CSRF token in X-CSRF-Token",
        "parameters": [
          {"name": "node", "in": "query", "required": true, "schema": {"type": "string"}},
          {"name": "object", "in": "query", "required": true, "schema": {"type": "string"}},
          {"name": "title", "in": "query", "schema": {"type": "string"}},
          {"name": "from", "in": "query", "description": "YYYY-MM-DD: the period the file covers", "schema": {"type": "string"}},
          {"name": "to", "in": "query", "schema": {"type": "string"}},
          {"name": "X-File-Name", "in": "header", "required": true, "schema": {"type": "string"}}
        ],
        "requestBody": {"required": true, "content": {"application/octet-stream": {"schema": {"type": "string", "contentMediaType": "application/octet-stream"}}}},
        "responses": {
          "201": {"description": "The record added", "content": {"application/json": {"schema": {
            "type": "object", "required": ["schema", "version", "record"],
            "properties": {"schema": {"const": "etguard.evidence-record"}, "version": {"const": "1.0"}, "record": {"$ref": "#/components/schemas/EvidenceRecord"}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/tokens": {
      "get": {
        "operationId": "getTokens",
        "summary": "The caller's API tokens (an administrator's: everyone's), never a secret; whether one may be made now without confirming the password again",
        "responses": {
          "200": {"description": "The tokens", "content": {"application/json": {"schema": {
            "type": "object", "required": ["schema", "version", "tokens", "fresh"],
            "properties": {"schema": {"const": "etguard.api_tokens"}, "version": {"const": "1.0"}, "fresh": {"type": "boolean"},
              "tokens": {"type": "array", "items": {"type": "object",
                "required": ["id", "user", "name", "role", "objects", "created_at", "expires_at", "revoked_at", "revoked_by", "active"],
                "properties": {"id": {"type": "string", "pattern": "^tok-[0-9a-f]{8}$"}, "user": {"type": "string"}, "name": {"type": "string"},
                  "role": {"$ref": "#/components/schemas/Role"}, "objects": {"type": "array", "items": {"type": "string"}},
                  "created_at": {"type": "string"}, "expires_at": {"type": "string"}, "revoked_at": {"type": "string"}, "revoked_by": {"type": "string"},
                  "active": {"type": "boolean"}}}}}}}}},
          "401": {"$ref": "#/components/responses/LoggedOut"}
        }
      }
    },
    "/api/tokens/add": {
      "post": {
        "operationId": "addToken",
        "summary": "Makes an API token for the caller (an administrator: for anyone, with user), in a role no wider than its user's; needs the password confirmed within five minutes (POST /api/reauth) and the CSRF token; the secret is in this answer only",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {
          "type": "object", "required": ["name"],
          "properties": {"name": {"type": "string"}, "user": {"type": "string"}, "role": {"$ref": "#/components/schemas/Role"},
            "objects": {"type": "string", "description": "An owner token's objects, kind/key separated by commas"}, "days": {"type": "string", "description": "1 to 366; default 90"}}}}}},
        "responses": {
          "200": {"description": "The token, its secret shown this once", "content": {"application/json": {"schema": {
            "type": "object", "required": ["schema", "version", "id", "secret", "expires_at"],
            "properties": {"schema": {"const": "etguard.api_token"}, "version": {"const": "1.0"}, "id": {"type": "string"},
              "secret": {"type": "string", "pattern": "^etg_[0-9a-f]{64}$"}, "expires_at": {"type": "string"}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"}
        }
      }
    },
    "/api/tokens/revoke": {
      "post": {
        "operationId": "revokeToken",
        "summary": "Revokes a token of the caller's (an administrator: anyone's); it stays listed; needs the CSRF token",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {
          "type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}}}},
        "responses": {
          "200": {"description": "Revoked", "content": {"application/json": {"schema": {
            "type": "object", "required": ["schema", "version", "id"],
            "properties": {"schema": {"const": "etguard.api_token_revoked"}, "version": {"const": "1.0"}, "id": {"type": "string"}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/security-keys": {
      "get": {
        "operationId": "getSecurityKeys",
        "summary": "The caller's WebAuthn security keys (never their public keys); whether one may be added or removed now without confirming the password again",
        "responses": {
          "200": {"description": "The keys", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SecurityKeys"}}}},
          "401": {"$ref": "#/components/responses/LoggedOut"}
        }
      }
    },
    "/api/security-keys/options": {
      "post": {
        "operationId": "securityKeyOptions",
        "summary": "A challenge (two minutes, answered once) for navigator.credentials.create(), made for the server's origin (serve --origin); needs the password confirmed within five minutes and the CSRF token; binary values in hex",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object"}}}},
        "responses": {
          "200": {"description": "The options", "content": {"application/json": {"schema": {
            "type": "object", "required": ["schema", "version", "challenge", "rp_id", "user_handle", "user_name", "user_display", "exclude"],
            "properties": {"schema": {"const": "etguard.security_key_options"}, "version": {"const": "1.0"},
              "challenge": {"type": "string", "pattern": "^[0-9a-f]{64}$"}, "rp_id": {"type": "string"},
              "user_handle": {"type": "string", "pattern": "^[0-9a-f]{64}$"}, "user_name": {"type": "string"}, "user_display": {"type": "string"},
              "exclude": {"type": "array", "items": {"type": "string"}}}}}}},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"}
        }
      }
    },
    "/api/security-keys/add": {
      "post": {
        "operationId": "addSecurityKey",
        "summary": "Registers the key the browser made for the challenge (attestation none): the client data's type, challenge and origin and the authenticator data's RP ID hash, user presence and credential id are checked; recorded in the ledger (user.key_add); needs the password confirmed within five minutes and the CSRF token",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {
          "type": "object", "required": ["name", "credential_id", "client_data", "authenticator_data", "public_key", "algorithm"],
          "properties": {"name": {"type": "string"}, "credential_id": {"type": "string", "description": "rawId, hex"},
            "client_data": {"type": "string", "description": "clientDataJSON, hex"}, "authenticator_data": {"type": "string", "description": "getAuthenticatorData(), hex"},
            "public_key": {"type": "string", "description": "getPublicKey(): DER SubjectPublicKeyInfo, hex"}, "algorithm": {"type": "string", "enum": ["-7", "-8", "-257"]}}}}}},
        "responses": {
          "200": {"description": "The key added", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SecurityKeys"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"}
        }
      }
    },
    "/api/security-keys/remove": {
      "post": {
        "operationId": "removeSecurityKey",
        "summary": "Removes a key of the caller (an administrator: of user, e.g. a lost key); recorded in the ledger (user.key_remove); needs the password confirmed within five minutes and the CSRF token",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {
          "type": "object", "required": ["id"], "properties": {"id": {"type": "string"}, "user": {"type": "string"}}}}}},
        "responses": {
          "200": {"description": "Removed", "content": {"application/json": {"schema": {
            "type": "object", "required": ["schema", "version", "user", "id"],
            "properties": {"schema": {"const": "etguard.security_key_removed"}, "version": {"const": "1.0"}, "user": {"type": "string"}, "id": {"type": "string"}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/findings": {
      "get": {
        "operationId": "getFindings",
        "summary": "The latest finding of each check on each object the caller reaches (an owner: their objects), failures first, with the requirements each is evidence for",
        "parameters": [{"name": "object", "in": "query", "schema": {"type": "string"}, "description": "One object (kind/key or org)"}],
        "responses": {
          "200": {"description": "The findings", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ObjectFindings"}}}},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"}
        }
      },
      "post": {
        "operationId": "pushFindings",
        "summary": "Records a scan's findings as evidence (etguard scan ... --push): the same import as the terminal's --import, on objects the caller may change; one transaction; up to 32 MiB",
        "security": [{"token": []}, {"session": []}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FindingsPush"}}}},
        "responses": {
          "200": {"description": "What was recorded", "content": {"application/json": {"schema": {
            "type": "object", "required": ["schema", "version", "added", "skipped", "evidence"],
            "properties": {"schema": {"const": "etguard.findings_imported"}, "version": {"const": "1.0"},
              "added": {"type": "integer", "minimum": 0}, "skipped": {"type": "integer", "minimum": 0, "description": "Lines whose requirement does not apply to the object"},
              "evidence": {"type": "array", "items": {"type": "integer"}, "description": "The ids of the records added"}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"}
        }
      }
    },
    "/api/reports": {
      "get": {
        "operationId": "getReports",
        "summary": "The cycles, oldest first, with who signed off which report; whether the caller may download the reports and sign off",
        "responses": {
          "200": {"description": "The cycles and sign-offs", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Reports"}}}},
          "401": {"$ref": "#/components/responses/LoggedOut"}
        }
      }
    },
    "/api/reports/download": {
      "get": {
        "operationId": "downloadReport",
        "summary": "One document as an attachment: the assessment report or the statement of applicability produced now (administrators, officers, auditors), the examiner's pack (the same; recorded in the ledger as handed out), or a report as it was signed off (everyone)",
        "parameters": [
          {"name": "what", "in": "query", "required": true, "schema": {"enum": ["report", "soa", "pack", "signed"]}},
          {"name": "format", "in": "query", "description": "report: html, xlsx, json, oscal-ar; soa: html, xlsx", "schema": {"enum": ["html", "xlsx", "json", "oscal-ar"]}},
          {"name": "lang", "in": "query", "schema": {"enum": ["zh-TW", "en"]}},
          {"name": "cycle", "in": "query", "description": "A cycle's name; absent: the current one (a closed cycle is reported as it ended)", "schema": {"type": "string"}},
          {"name": "sha256", "in": "query", "description": "what=signed: the SHA-256 of the report signed off", "schema": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}
        ],
        "responses": {
          "200": {"description": "The document, with Content-Disposition: attachment", "content": {
            "text/html": {"schema": {"type": "string"}},
            "application/json": {"schema": {"type": "object"}},
            "application/zip": {"schema": {"type": "string", "contentMediaType": "application/zip"}},
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/reports/sign-off": {
      "post": {
        "operationId": "signOff",
        "summary": "Signs off a cycle's HTML report, produced now in the language given and kept unchanged, its SHA-256 in the ledger with the caller as signer; or, with an application/octet-stream body, the report file the signer was handed (its name percent-encoded in X-File-Name, up to 32 MiB; statement and cycle in the query). Administrators, officers and the board, with the password confirmed through /api/reauth within five minutes; needs the CSRF token in X-CSRF-Token.",
        "parameters": [
          {"name": "statement", "in": "query", "description": "With a file body: what is signed off", "schema": {"type": "string"}},
          {"name": "cycle", "in": "query", "description": "With a file body: the cycle (default: the current one)", "schema": {"type": "string"}},
          {"name": "X-File-Name", "in": "header", "description": "With a file body: its name, percent-encoded", "schema": {"type": "string"}}
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {"schema": {
              "type": "object", "required": ["statement"],
              "properties": {"statement": {"type": "string", "minLength": 1}, "lang": {"enum": ["zh-TW", "en"]}, "cycle": {"type": "string"}}
            }},
            "application/octet-stream": {"schema": {"type": "string", "contentMediaType": "application/octet-stream"}}
          }
        },
        "responses": {
          "200": {"description": "The sign-off recorded", "content": {"application/json": {"schema": {
            "type": "object", "required": ["schema", "version", "sign_off"],
            "properties": {"schema": {"const": "etguard.sign-off"}, "version": {"const": "1.0"}, "sign_off": {"$ref": "#/components/schemas/SignOff"}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/reports/start-cycle": {
      "post": {
        "operationId": "startCycle",
        "summary": "Starts the next assessment cycle: every result archived as it stands and reset for re-attestation, open non-compliances carried over. With dry_run true, only says what it would reset and carry over and changes nothing. Administrators and officers; a real start needs the password confirmed through /api/reauth within five minutes, and the CSRF token in X-CSRF-Token.",
        "requestBody": {
          "required": true,
          "content": {"application/json": {"schema": {
            "type": "object", "required": ["name"],
            "properties": {"name": {"type": "string", "minLength": 1}, "due_on": {"type": "string", "format": "date"}, "dry_run": {"type": "boolean"}}
          }}}
        },
        "responses": {
          "200": {"description": "The cycle started, or what starting it would do", "content": {"application/json": {"schema": {
            "type": "object", "required": ["schema", "version", "cycle"],
            "properties": {"schema": {"const": "etguard.cycle"}, "version": {"const": "1.0"}, "cycle": {
              "type": "object", "required": ["name", "started_on", "due_on", "results_reset", "carried_over", "dry_run"],
              "properties": {"name": {"type": "string"}, "started_on": {"type": "string", "format": "date"}, "due_on": {"type": "string"},
                "results_reset": {"type": "integer", "minimum": 0}, "carried_over": {"type": "integer", "minimum": 0}, "dry_run": {"type": "boolean"}}}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"}
        }
      }
    },
    "/api/users": {
      "get": {
        "operationId": "listUsers",
        "summary": "Who may log in and how their accounts stand (locked, disabled, failures, password age); administrators only",
        "responses": {
          "200": {"description": "The users, by login", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Users"}}}},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"}
        }
      }
    },
    "/api/users/{action}": {
      "parameters": [
        {"name": "action", "in": "path", "required": true, "schema": {"enum": ["add", "unlock", "reset", "disable"]}}
      ],
      "post": {
        "operationId": "changeUser",
        "summary": "Adds a user (name, display, role, objects, password), unlocks one or resets its password and authenticator (name, verification: how the administrator verified who asks; reset also password), or disables one (name, reason). Administrators only, with the password confirmed through /api/reauth within five minutes, never on their own account; needs the CSRF token in X-CSRF-Token. Recorded in the ledger with the administrator as actor.",
        "requestBody": {
          "required": true,
          "content": {"application/json": {"schema": {
            "type": "object",
            "required": ["name"],
            "properties": {
              "name": {"type": "string"},
              "display": {"type": "string"},
              "role": {"enum": ["admin", "officer", "owner", "auditor", "board"]},
              "objects": {"type": "array", "items": {"type": "string"}},
              "password": {"type": "string"},
              "verification": {"type": "string"},
              "reason": {"type": "string"}
            }
          }}}
        },
        "responses": {
          "200": {"description": "add and reset: the enrolment, shown this once; unlock and disable: the users after the change", "content": {"application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/Enrolment"}, {"$ref": "#/components/schemas/Users"}]}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/reauth": {
      "post": {
        "operationId": "reauthenticate",
        "summary": "Confirms the caller's password and authenticator code again before user administration (through the same lockout as a login); needs the CSRF token in X-CSRF-Token",
        "requestBody": {
          "required": true,
          "content": {"application/json": {"schema": {
            "type": "object", "required": ["password", "code"],
            "properties": {"password": {"type": "string"}, "code": {"type": "string"}}
          }}}
        },
        "responses": {
          "200": {"description": "Confirmed for five minutes", "content": {"application/json": {"schema": {"type": "object", "required": ["schema", "version"], "properties": {"schema": {"const": "etguard.reauthenticated"}, "version": {"const": "1.0"}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"}
        }
      }
    },
    "/api/catalog": {
      "get": {
        "operationId": "getCatalogOutline",
        "summary": "The guideline's chapters and articles with each article's duties and prohibitions",
        "responses": {
          "200": {"description": "The outline", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CatalogOutline"}}}},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"}
        }
      }
    },
    "/api/catalog/articles/{number}": {
      "get": {
        "operationId": "getCatalogArticle",
        "summary": "One article with every requirement node",
        "parameters": [
          {"name": "number", "in": "path", "required": true, "description": "The article number, 1 to 54", "schema": {"type": "integer", "minimum": 1, "maximum": 999}}
        ],
        "responses": {
          "200": {"description": "The article", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CatalogArticle"}}}},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/catalog/search": {
      "get": {
        "operationId": "searchCatalog",
        "summary": "Requirement nodes matching every word, in Chinese or English, glossary forms included",
        "parameters": [
          {"name": "q", "in": "query", "required": true, "description": "Words or a node ID (MFA, 深偽, ET-8.3); at most 200 bytes", "schema": {"type": "string", "maxLength": 200}}
        ],
        "responses": {
          "200": {"description": "The matching nodes, best first, at most 50", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CatalogListing"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/LoggedOut"},
          "403": {"$ref": "#/components/responses/Denied"}
        }
      }
    },
    "/api/openapi.json": {
      "get": {
        "operationId": "getOpenApi",
        "summary": "This document",
        "responses": {
          "200": {"description": "The OpenAPI document", "content": {"application/json": {"schema": {"type": "object"}}}},
          "401": {"$ref": "#/components/responses/LoggedOut"}
        }
      }
    }
  },
  "components": {
    "parameters": {
      "Node": {"name": "node", "in": "query", "required": true, "description": "The requirement (ET-8.3.5)", "schema": {"type": "string"}},
      "Object": {"name": "object", "in": "query", "required": true, "description": "org or a register object (cloud/core-dr)", "schema": {"type": "string"}}
    },
    "securitySchemes": {
      "session": {"type": "apiKey", "in": "cookie", "name": "__Host-etguard", "description": "The session cookie set by a login at /login"},
      "token": {"type": "http", "scheme": "bearer", "bearerFormat": "etg_ and 64 hex digits", "description": "An API token made by etguard token add: shown once, stored hashed, expiring, revocable"}
    },
    "responses": {
      "LoggedOut": {"description": "No session, or it ended", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
      "Denied": {"description": "The caller's role does not allow it", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
      "NotFound": {"description": "There is no such thing", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
      "BadRequest": {"description": "The request is malformed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
    },
    "schemas": {
      "Problem": {
        "type": "object",
        "required": ["error", "status"],
        "properties": {"error": {"type": "string"}, "status": {"type": "integer"}}
      },
      "Text": {
        "type": "object",
        "required": ["zh", "en"],
        "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}
      },
      "Role": {"enum": ["admin", "officer", "owner", "auditor", "board"]},
      "ObjectFindings": {
        "type": "object", "required": ["schema", "version", "objects"],
        "properties": {"schema": {"const": "etguard.object_findings"}, "version": {"const": "1.0"},
          "objects": {"type": "array", "items": {"type": "object", "required": ["object", "name", "passed", "failed", "other", "checks"],
            "properties": {"object": {"type": "string"}, "name": {"type": "string"}, "passed": {"type": "integer"}, "failed": {"type": "integer"}, "other": {"type": "integer"},
              "checks": {"type": "array", "items": {"type": "object", "required": ["check_id", "verdict", "title", "recorded_at", "recorded_by", "requirements", "evidence_id"],
                "properties": {"check_id": {"type": "string"}, "verdict": {"enum": ["pass", "fail", "not_applicable", "error"]}, "title": {"type": "string"},
                  "recorded_at": {"type": "string"}, "recorded_by": {"type": "string"}, "requirements": {"type": "array", "items": {"type": "string"}},
                  "evidence_id": {"type": "integer"}}}}}}}}
      },
      "SecurityKeys": {
        "type": "object", "required": ["schema", "version", "fresh", "keys"],
        "properties": {"schema": {"const": "etguard.security_keys"}, "version": {"const": "1.0"}, "fresh": {"type": "boolean"},
          "keys": {"type": "array", "items": {"type": "object", "required": ["id", "name", "rp_id", "algorithm", "sign_count", "added_at"],
            "properties": {"id": {"type": "string", "pattern": "^[0-9a-f]+$"}, "name": {"type": "string"}, "rp_id": {"type": "string"},
              "algorithm": {"enum": [-7, -8, -257]}, "sign_count": {"type": "integer", "minimum": 0}, "added_at": {"type": "string"}}}}}
      },
      "FindingsPush": {
        "type": "object",
        "required": ["schema", "version", "findings"],
        "properties": {
          "schema": {"const": "etguard.findings_push"},
          "version": {"type": "string", "pattern": "^1\\."},
          "object": {"type": "string", "description": "The register object (kind/key); empty: the object each finding's target names or whose details.endpoints lists it"},
          "period_from": {"type": "string", "description": "YYYY-MM-DD: the period of the data judged; empty: today"},
          "period_to": {"type": "string"},
          "findings": {"type": "array", "minItems": 1, "maxItems": 100000, "items": {
            "type": "object",
            "description": "An etguard.finding record (docs/formats.md) as etguard scan --format jsonl prints it",
            "required": ["check_id", "target", "verdict", "started_at", "finished_at"],
            "properties": {
              "check_id": {"type": "string"},
              "target": {"type": "string"},
              "verdict": {"enum": ["pass", "fail", "not_applicable", "error"]},
              "details": {"type": "array", "items": {"type": "object", "required": ["code", "severity"],
                "properties": {"code": {"type": "string"}, "severity": {"enum": ["fail", "warning"]}, "en": {"type": "string"}, "zh": {"type": "string"}}}},
              "evidence": {"type": "object"},
              "assessed_node_ids": {"type": "array", "items": {"type": "string"}, "description": "The requirements it speaks to when fewer than its check's"},
              "started_at": {"type": "string"},
              "finished_at": {"type": "string"}
            }}}
        }
      },
      "Session": {
        "type": "object",
        "required": ["schema", "version", "name", "display", "role", "objects", "csrf", "advise_password_change"],
        "properties": {
          "schema": {"const": "etguard.session"},
          "version": {"const": "1.0"},
          "name": {"type": "string"},
          "display": {"type": "string"},
          "role": {"$ref": "#/components/schemas/Role"},
          "objects": {"type": "array", "items": {"type": "string"}, "description": "An owner's objects, kind/key"},
          "csrf": {"type": "string", "description": "Send as X-CSRF-Token (or form field csrf) with every changing request"},
          "advise_password_change": {"type": "boolean"}
        }
      },
      "Dashboard": {
        "type": "object",
        "required": ["schema", "version", "firm", "today", "cycle", "deadline", "counts", "tasks"],
        "properties": {
          "schema": {"const": "etguard.dashboard"},
          "version": {"const": "1.0"},
          "firm": {"type": "string"},
          "today": {"type": "string", "format": "date"},
          "cycle": {"type": "string"},
          "deadline": {"type": "string"},
          "counts": {
            "type": "object",
            "required": ["total", "compliant", "partially_compliant", "non_compliant", "not_applicable", "compensating", "not_assessed", "overdue", "due_in_1", "due_in_7", "due_in_30"],
            "additionalProperties": {"type": "integer", "minimum": 0}
          },
          "tasks": {
            "type": "array",
            "items": {
              "type": "object",
              "required": ["requirement", "title", "object", "owner", "status", "due", "days_left"],
              "properties": {
                "requirement": {"type": "string", "pattern": "^ET-[0-9]+(\\.[0-9]+)*$"},
                "title": {"type": "string"},
                "object": {"type": "string"},
                "owner": {"type": "string"},
                "status": {"type": "string"},
                "due": {"type": "string", "format": "date"},
                "days_left": {"type": "integer"}
              }
            }
          }
        }
      },
      "AssessmentGrid": {
        "type": "object",
        "required": ["schema", "version", "today", "filter", "reachable", "matching", "lines", "chapters", "owners", "object_kinds"],
        "properties": {
          "schema": {"const": "etguard.assessment-grid"},
          "version": {"const": "1.0"},
          "today": {"type": "string", "format": "date"},
          "filter": {
            "type": "object",
            "required": ["chapter", "owner", "status", "object", "due", "offset", "limit"],
            "properties": {
              "chapter": {"type": "integer"},
              "owner": {"type": "string"},
              "status": {"type": "string"},
              "object": {"type": "string"},
              "due": {"enum": ["any", "overdue", "1", "7", "30"]},
              "offset": {"type": "integer", "minimum": 0},
              "limit": {"type": "integer", "minimum": 1}
            }
          },
          "reachable": {"type": "integer", "minimum": 0},
          "matching": {"type": "integer", "minimum": 0},
          "lines": {
            "type": "array",
            "items": {
              "type": "object",
              "required": ["requirement", "chapter", "title", "object", "owner", "status", "due", "days_left", "plan_open"],
              "properties": {
                "requirement": {"type": "string", "pattern": "^ET-[0-9]+(\\.[0-9]+)*$"},
                "chapter": {"type": "integer"},
                "title": {"type": "string"},
                "object": {"type": "string"},
                "owner": {"type": "string"},
                "status": {"enum": ["compliant", "partially_compliant", "non_compliant", "not_applicable", "compensating", "not_assessed"]},
                "due": {"type": "string"},
                "days_left": {"type": ["integer", "null"]},
                "plan_open": {"type": "boolean"}
              }
            }
          },
          "chapters": {"type": "array", "items": {"type": "integer"}},
          "owners": {"type": "array", "items": {"type": "string"}},
          "object_kinds": {"type": "array", "items": {"type": "string"}}
        }
      },
      "ResultLine": {
        "type": "object",
        "required": ["schema", "version", "requirement", "text", "object", "owner", "status", "due", "result", "history", "comments", "may_edit", "may_assign"],
        "properties": {
          "schema": {"const": "etguard.result"},
          "version": {"const": "1.1"},
          "requirement": {"type": "string", "pattern": "^ET-[0-9]+(\\.[0-9]+)*$"},
          "text": {"type": "string"},
          "object": {"type": "string"},
          "owner": {"type": "string"},
          "status": {"type": "string"},
          "due": {"type": "string"},
          "result": {"oneOf": [{"type": "null"}, {
            "type": "object",
            "required": ["status", "owner", "note", "justification", "due_date", "assessed_on", "plan"],
            "properties": {
              "status": {"type": "string"}, "owner": {"type": "string"}, "note": {"type": "string"},
              "justification": {"type": "string"}, "due_date": {"type": "string"}, "assessed_on": {"type": "string"},
              "plan": {"oneOf": [{"type": "null"}, {"type": "object", "required": ["action", "owner", "due", "status"]}]}
            }
          }]},
          "history": {"type": "array", "items": {"type": "object", "required": ["seq", "time", "actor", "status"],
            "properties": {"seq": {"type": "integer"}, "time": {"type": "string"}, "actor": {"type": "string"}, "status": {"type": ["string", "null"]}}}},
          "comments": {"type": "array", "items": {"$ref": "#/components/schemas/Comment"}},
          "may_edit": {"type": "boolean"},
          "may_assign": {"type": "boolean"}
        }
      },
      "Comment": {
        "type": "object",
        "required": ["schema", "version", "id", "requirement", "object", "body", "author", "written_at"],
        "properties": {
          "schema": {"const": "etguard.comment"},
          "version": {"const": "1.0"},
          "id": {"type": "integer"},
          "requirement": {"type": "string"},
          "object": {"type": "string"},
          "body": {"type": "string"},
          "author": {"type": "string"},
          "written_at": {"type": "string"}
        }
      },
      "EvidenceRecord": {
        "type": "object",
        "required": ["id", "kind", "name", "file_name", "uri", "sha256", "size", "requirement", "object", "effective_from", "effective_to", "added_by", "added_at"],
        "properties": {
          "id": {"type": "integer"}, "kind": {"enum": ["file", "link", "scan"]}, "name": {"type": "string"},
          "file_name": {"type": "string"}, "uri": {"type": "string"}, "sha256": {"type": "string"},
          "size": {"type": "integer", "minimum": 0}, "requirement": {"type": "string"}, "object": {"type": "string"},
          "effective_from": {"type": "string"}, "effective_to": {"type": "string"},
          "added_by": {"type": "string"}, "added_at": {"type": "string"},
          "review": {"enum": ["pending", "approved", "rejected", "withdrawn"]},
          "reviewed_by": {"type": ["string", "null"]}, "review_comment": {"type": ["string", "null"]},
          "may_review": {"type": "boolean"}
        }
      },
      "EvidenceList": {
        "type": "object",
        "required": ["schema", "version", "records"],
        "properties": {
          "schema": {"const": "etguard.evidence"},
          "version": {"const": "1.0"},
          "records": {"type": "array", "items": {"allOf": [{"$ref": "#/components/schemas/EvidenceRecord"}, {"required": ["review", "reviewed_by", "review_comment", "may_review"]}]}}
        }
      },
      "SignOff": {
        "type": "object",
        "required": ["cycle", "report", "sha256", "statement", "signed_by", "signed_at"],
        "properties": {
          "cycle": {"type": "string"},
          "report": {"type": "string"},
          "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
          "statement": {"type": "string"},
          "signed_by": {"type": "string"},
          "signed_at": {"type": "string"}
        }
      },
      "Reports": {
        "type": "object",
        "required": ["schema", "version", "may_download", "may_sign_off", "may_start_cycle", "fresh", "cycles"],
        "properties": {
          "schema": {"const": "etguard.reports"},
          "version": {"const": "1.1", "description": "1.1 added may_start_cycle"},
          "may_download": {"type": "boolean"},
          "may_sign_off": {"type": "boolean"},
          "may_start_cycle": {"type": "boolean"},
          "fresh": {"type": "boolean", "description": "Whether a sign-off may be made now without /api/reauth"},
          "cycles": {"type": "array", "items": {
            "type": "object",
            "required": ["name", "started_on", "started_by", "due_on", "current", "signed_off"],
            "properties": {
              "name": {"type": "string"},
              "started_on": {"type": "string"},
              "started_by": {"type": "string"},
              "due_on": {"type": "string"},
              "current": {"type": "boolean"},
              "signed_off": {"type": "array", "items": {"$ref": "#/components/schemas/SignOff"}}
            }
          }}
        }
      },
      "Users": {
        "type": "object",
        "required": ["schema", "version", "fresh", "users"],
        "properties": {
          "schema": {"const": "etguard.users"},
          "version": {"const": "1.1"},
          "fresh": {"type": "boolean", "description": "Whether changes may be made now without /api/reauth"},
          "users": {"type": "array", "items": {
            "type": "object",
            "required": ["name", "display", "role", "objects", "disabled", "locked", "failures", "password_changed_at", "advise_password_change", "note", "created_at"],
            "properties": {
              "name": {"type": "string"},
              "display": {"type": "string"},
              "role": {"enum": ["admin", "officer", "owner", "auditor", "board"]},
              "objects": {"type": "array", "items": {"type": "string"}},
              "disabled": {"type": "boolean"},
              "locked": {"type": "boolean"},
              "failures": {"type": "integer", "minimum": 0},
              "password_changed_at": {"type": "string"},
              "advise_password_change": {"type": "boolean"},
              "note": {"type": "string"},
              "created_at": {"type": "string"},
              "security_keys": {"type": "array", "description": "Since 1.1", "items": {"type": "object", "required": ["id", "name", "added_at"],
                "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "added_at": {"type": "string"}}}}
            }
          }}
        }
      },
      "Enrolment": {
        "type": "object",
        "required": ["schema", "version", "name", "otpauth_uri"],
        "properties": {
          "schema": {"const": "etguard.enrolment"},
          "version": {"const": "1.0"},
          "name": {"type": "string"},
          "otpauth_uri": {"type": "string", "pattern": "^otpauth://totp/"}
        }
      },
      "LedgerView": {
        "type": "object",
        "required": ["schema", "version", "verifies", "problem", "first_bad", "entries", "checkpoints", "head", "latest"],
        "properties": {
          "schema": {"const": "etguard.ledger-view"},
          "version": {"const": "1.0"},
          "verifies": {"type": "boolean"},
          "problem": {"type": "string"},
          "first_bad": {"type": ["integer", "null"]},
          "entries": {"type": "integer", "minimum": 0},
          "checkpoints": {"type": "integer", "minimum": 0},
          "head": {"type": "string", "pattern": "^[0-9]+:[0-9a-f]*$"},
          "latest": {"type": "array", "items": {"type": "object", "required": ["seq", "time", "actor", "action", "object", "hash"]}}
        }
      },
      "CatalogOutline": {
        "type": "object",
        "required": ["schema", "version", "catalog_version", "chapters"],
        "properties": {
          "schema": {"const": "etguard.catalog-outline"},
          "version": {"const": "1.0"},
          "catalog_version": {"type": "string"},
          "chapters": {
            "type": "array",
            "items": {
              "type": "object",
              "required": ["number", "title_zh", "title_en", "articles"],
              "properties": {
                "number": {"type": "integer"},
                "title_zh": {"type": "string"},
                "title_en": {"type": "string"},
                "articles": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": ["number", "id", "title_zh", "title_en", "nodes", "duties", "prohibitions"],
                    "properties": {
                      "number": {"type": "integer"},
                      "id": {"type": "string", "pattern": "^ET-[0-9]+$"},
                      "title_zh": {"type": "string"},
                      "title_en": {"type": "string"},
                      "nodes": {"type": "integer", "minimum": 0},
                      "duties": {"type": "integer", "minimum": 0},
                      "prohibitions": {"type": "integer", "minimum": 0}
                    }
                  }
                }
              }
            }
          }
        }
      },
      "Node": {
        "type": "object",
        "description": "A requirement node exactly as etguard catalog export --format json writes it",
        "required": ["id", "parent", "level", "text_zh", "text_en", "obligation", "polarity", "effective_conditions", "evidence"],
        "properties": {
          "id": {"type": "string", "pattern": "^ET-[0-9]+(\\.[0-9]+)*$"},
          "parent": {"type": ["string", "null"], "description": "null for an article's lead"},
          "level": {"enum": ["lead", "item", "subitem", "point"]},
          "text_zh": {"type": "string", "description": "Verbatim from the guideline: the authority"},
          "text_en": {"type": "string"},
          "obligation": {"enum": ["shall", "should", "may", "informative"]},
          "polarity": {"enum": ["duty", "prohibition"]},
          "effective_conditions": {"type": "array", "items": {"type": "string"}},
          "evidence": {"type": "array", "items": {"$ref": "#/components/schemas/Text"}}
        }
      },
      "CatalogArticle": {
        "type": "object",
        "required": ["schema", "version", "catalog_version", "article", "previous", "next"],
        "properties": {
          "schema": {"const": "etguard.catalog-article"},
          "version": {"const": "1.0"},
          "catalog_version": {"type": "string"},
          "article": {
            "type": "object",
            "description": "The article exactly as etguard catalog export --format json writes it",
            "required": ["number", "id", "chapter", "kind", "title_zh", "title_en", "text_zh", "text_en", "conditions", "nodes"],
            "properties": {
              "number": {"type": "integer"},
              "id": {"type": "string", "pattern": "^ET-[0-9]+$"},
              "chapter": {"type": "integer"},
              "kind": {"enum": ["purpose", "definition", "scope", "control"]},
              "title_zh": {"type": "string"},
              "title_en": {"type": "string"},
              "text_zh": {"type": "string"},
              "text_en": {"type": "string"},
              "conditions": {"type": "array", "items": {"type": "string"}},
              "nodes": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}
            }
          },
          "previous": {"type": ["integer", "null"]},
          "next": {"type": ["integer", "null"]}
        }
      },
      "CatalogListing": {
        "type": "object",
        "required": ["format", "format_version", "catalog_version", "count", "nodes"],
        "properties": {
          "format": {"const": "etguard.catalog.search"},
          "format_version": {"const": "1.0"},
          "catalog_version": {"type": "string"},
          "count": {"type": "integer", "minimum": 0},
          "nodes": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}
        }
      }
    }
  }
}
)json";
}

}  // namespace etguard::server
