// Validates Compose files against the Compose specification's JSON schema (compose-spec.json, vendored from
// github.com/compose-spec/compose-spec, schema/compose-spec.json; the commit is in README.md next to it), the
// schema Docker Compose itself checks a file with. Prints every error with its path; exits 1 on any.
// Usage: node validate.mjs <compose.yaml>...
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import YAML from "yaml";
import { createRequire } from "node:module";

const schemaPath = fileURLToPath(new URL("./compose-spec.json", import.meta.url));
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
// the spec's own "$schema" is draft-07; its "format" values (durations, ...) are Compose's, not JSON Schema's
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
// the spec names draft-07 by its https id, which ajv registers only under the http one
const draft07 = createRequire(import.meta.url)("ajv/dist/refs/json-schema-draft-07.json");
ajv.addMetaSchema({ ...draft07, $id: schema.$schema });
const validate = ajv.compile(schema);

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate.mjs <compose.yaml>...");
  process.exit(2);
}
let failed = false;
for (const file of files) {
  const doc = YAML.parse(readFileSync(file, "utf8"), { merge: true, maxAliasCount: -1 });
  if (validate(doc)) {
    console.log(`${file}: valid against the Compose specification schema`);
    continue;
  }
  failed = true;
  for (const e of validate.errors) {
    console.error(`${file}: ${e.instancePath || "/"} ${e.message}${e.params && Object.keys(e.params).length ? " " + JSON.stringify(e.params) : ""}`);
  }
}
process.exit(failed ? 1 : 0);
