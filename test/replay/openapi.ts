import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * Validators for GitHub's REST responses from @octokit/openapi's `api.github.com.json`, an
 * OpenAPI 3.0 document: `nullable: true` is rewritten to JSON Schema's `null` type, and its
 * `#/components/...` references resolve inside the same document.
 */
const SPEC_ID = 'https://replay.test/api.github.com.json';

type Json = Record<string, unknown>;

function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite);
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'nullable' || k === 'example' || k === 'examples' || k === 'discriminator') continue;
    out[k] =
      k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${SPEC_ID}${v}` : rewrite(v);
  }
  if ((node as Json).nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

let ajv: Ajv | undefined;
let spec: Json | undefined;

function load(): { ajv: Ajv; spec: Json } {
  if (ajv === undefined || spec === undefined) {
    const require = createRequire(import.meta.url);
    const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
    spec = JSON.parse(readFileSync(file, 'utf8')) as Json;
    const rewritten = rewrite(spec) as Json;
    ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
    const addFormats = addFormatsModule as unknown as (a: Ajv) => void;
    addFormats(ajv);
    ajv.addSchema({ $id: SPEC_ID, components: rewritten.components }, SPEC_ID);
  }
  return { ajv, spec };
}

const cache = new Map<string, ValidateFunction>();

/** The validator of `GET {path}`'s `status` response, e.g. `/repos/{owner}/{repo}/pulls`. */
export function responseValidator(path: string, status = '200'): ValidateFunction {
  const key = `${path} ${status}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const { ajv: a, spec: s } = load();
  const paths = s.paths as Record<string, Record<string, Json>>;
  const op = paths[path]?.get;
  if (op === undefined) throw new Error(`no GET ${path} in the OpenAPI description`);
  let response = (op.responses as Record<string, Json>)[status];
  if (response === undefined) throw new Error(`no ${status} response for GET ${path}`);
  if (typeof response.$ref === 'string') {
    const name = response.$ref.split('/').pop() as string;
    response = ((s.components as Json).responses as Record<string, Json>)[name] as Json;
  }
  const content = (response.content as Record<string, Json> | undefined)?.['application/json'];
  const schema = rewrite(content?.schema ?? {}) as Json;
  const validate = a.compile(schema);
  cache.set(key, validate);
  return validate;
}

/** Throws with ajv's errors when `body` does not match. */
export function assertMatches(path: string, body: unknown, status = '200'): void {
  const validate = responseValidator(path, status);
  if (!validate(body)) {
    throw new Error(`${path}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`);
  }
}
