// The OpenAPI document (src/server/openapi.json) against the server's real answers: every answer
// recorded by scripts/record_api.mjs from `taperlab serve --demo` (test/api_answers/) must match
// the response schema of its route and status, with no field the schema does not name; every
// response of every route has a schema; and every JSON answer a route documents was recorded at
// least once. The TypeScript types (src/api/schema.d.ts) are generated from the same document.
import Ajv, { type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

interface Recorded {
  method: string;
  path: string;
  status: number;
  type: string;
  body: Json;
}

const doc = Object.values(
  import.meta.glob<Obj>('../../src/server/openapi.json', { eager: true, import: 'default' }),
)[0];
const answers = Object.entries(import.meta.glob<Recorded>('./api_answers/*.json', { eager: true, import: 'default' }));

const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

// OpenAPI 3.0 schema -> JSON Schema for Ajv: `nullable` becomes a null alternative, the boolean
// `exclusiveMinimum` of 3.0 a number, and an object that lists its properties allows no others
// (so a field the server adds without documenting it fails here).
export function toJsonSchema(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!isObj(schema)) return schema;
  const out: Obj = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'nullable' || k === 'example' || k === 'format') continue;
    out[k] = k === 'properties' && isObj(v) ? mapValues(v, toJsonSchema) : toJsonSchema(v);
  }
  if (typeof out.$ref === 'string') out.$ref = out.$ref.replace('#/components/schemas/', 'api#/components/schemas/');
  if (schema.exclusiveMinimum === true) {
    out.exclusiveMinimum = schema.minimum ?? 0;
    delete out.minimum;
  }
  if (isObj(schema.properties) && schema.additionalProperties === undefined) out.additionalProperties = false;
  if (schema.nullable !== true) return out;
  // OpenAPI 3.0 lets a nullable enum leave null out of its values; JSON Schema needs it there.
  if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  if (typeof out.type === 'string') return { ...out, type: [out.type, 'null'] };
  return { anyOf: [out, { type: 'null' }] };
}

function mapValues(o: Obj, f: (v: Json) => Json): Obj {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}

const components = doc.components as Obj;
const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
ajv.addSchema({ $id: 'api', components: { schemas: toJsonSchema(components.schemas) } });

// A response object, its $ref followed.
function response(ref: Json): Obj {
  const r = ref as Obj;
  if (typeof r.$ref !== 'string') return r;
  return (components.responses as Obj)[r.$ref.split('/').pop() as string] as Obj;
}

const operations: { method: string; path: string; status: string; response: Obj }[] = [];
for (const [path, item] of Object.entries(doc.paths as Obj)) {
  for (const [method, op] of Object.entries(item as Obj)) {
    if (method === 'parameters') continue;
    for (const [status, r] of Object.entries((op as Obj).responses as Obj)) {
      operations.push({ method: method.toUpperCase(), path, status, response: response(r) });
    }
  }
}

const validators = new Map<string, ValidateFunction>();
function validatorFor(schema: Json): ValidateFunction {
  const key = JSON.stringify(schema);
  let v = validators.get(key);
  if (!v) {
    v = ajv.compile(toJsonSchema(schema) as object);
    validators.set(key, v);
  }
  return v;
}

describe('the OpenAPI document', () => {
  it('gives a schema for every response that has a body', () => {
    const without = operations
      .filter((o) => o.status !== '204')
      .filter((o) => {
        const content = o.response.content;
        return !isObj(content) || Object.values(content).some((c) => !isObj(c) || c.schema === undefined);
      })
      .map((o) => `${o.method} ${o.path} ${o.status}`);
    expect(without).toEqual([]);
    const bodies = operations.filter((o) => o.status === '204' && o.response.content !== undefined);
    expect(bodies.map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });

  it('has a recorded answer for every JSON answer it documents', () => {
    const recorded = new Set(answers.map(([, a]) => `${a.method} ${a.path} ${a.status}`));
    const missing = operations
      .filter((o) => o.status.startsWith('2') && isObj(o.response.content) && 'application/json' in o.response.content)
      .map((o) => `${o.method} ${o.path} ${o.status}`)
      .filter((k) => !recorded.has(k) && k !== 'GET /api/v1/openapi.json 200');
    expect(missing).toEqual([]);
  });

  it.each(answers.map(([file, a]) => [file.replace('./api_answers/', ''), a] as const))(
    'describes the answer in %s',
    (_file, a) => {
      const op = operations.find((o) => o.method === a.method && o.path === a.path && o.status === String(a.status));
      expect(op, `${a.method} ${a.path} ${a.status} is not documented`).toBeDefined();
      if (a.status === 204) return;
      const content = (op as (typeof operations)[number]).response.content as Obj;
      const media = content[a.type] as Obj | undefined;
      expect(media, `${a.method} ${a.path} ${a.status} does not document ${a.type}`).toBeDefined();
      const validate = validatorFor((media as Obj).schema);
      const ok = validate(a.body);
      expect(
        ok ? [] : validate.errors?.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`),
      ).toEqual([]);
    },
  );
});
