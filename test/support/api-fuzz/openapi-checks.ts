/**
 * Structural checks of an OpenAPI 3 document, written out rather than taken from a validator
 * package: each returns the list of what is wrong (empty when the document is sound).
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface OperationAt {
  method: string;
  path: string;
  op: JsonObject;
}

export function operationsOf(doc: JsonObject): OperationAt[] {
  const out: OperationAt[] = [];
  for (const [path, item] of Object.entries((doc.paths ?? {}) as JsonObject)) {
    for (const method of HTTP_METHODS) {
      const op = (item as JsonObject)[method];
      if (op && typeof op === 'object') out.push({ method: method.toUpperCase(), path, op: op as JsonObject });
    }
  }
  return out;
}

/** `#/components/schemas/X` → the object it names, or undefined. */
export function resolveRef(doc: JsonObject, ref: string): Json | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: Json | undefined = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' && !Array.isArray(node) ? (node as JsonObject)[key] : undefined;
  }
  return node;
}

/** Follows `$ref`s until a schema that is not one. */
export function deref(doc: JsonObject, node: Json | undefined): JsonObject | undefined {
  let current = node;
  for (let hops = 0; hops < 20 && current && typeof current === 'object' && !Array.isArray(current) && typeof (current as JsonObject).$ref === 'string'; hops++) {
    current = resolveRef(doc, (current as JsonObject).$ref as string);
  }
  return current && typeof current === 'object' && !Array.isArray(current) ? (current as JsonObject) : undefined;
}

/** The top level: version, info, paths, and the security scheme every operation names. */
export function checkTopLevel(doc: JsonObject): string[] {
  const wrong: string[] = [];
  if (typeof doc.openapi !== 'string' || !/^3\.\d+\.\d+$/.test(doc.openapi)) wrong.push(`openapi is ${JSON.stringify(doc.openapi)}, not 3.x.y`);
  const info = doc.info as JsonObject | undefined;
  if (!info || typeof info.title !== 'string' || typeof info.version !== 'string') wrong.push('info needs a title and a version');
  if (!doc.paths || typeof doc.paths !== 'object' || Array.isArray(doc.paths)) wrong.push('paths is not an object');
  for (const path of Object.keys((doc.paths ?? {}) as JsonObject)) if (!path.startsWith('/')) wrong.push(`path ${path} does not start with /`);
  const schemes = ((doc.components as JsonObject | undefined)?.securitySchemes ?? {}) as JsonObject;
  for (const { method, path, op } of operationsOf(doc)) {
    for (const requirement of (op.security ?? []) as JsonObject[]) {
      for (const name of Object.keys(requirement)) if (!schemes[name]) wrong.push(`${method} ${path}: security scheme ${name} is not defined`);
    }
  }
  return wrong;
}

/** Every `$ref` anywhere in the document names something that exists. */
export function checkRefs(doc: JsonObject): string[] {
  const wrong: string[] = [];
  const walk = (node: Json, at: string) => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${at}[${i}]`));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && (typeof v !== 'string' || resolveRef(doc, v) === undefined)) wrong.push(`${at}: $ref ${JSON.stringify(v)} resolves to nothing`);
        else walk(v, `${at}.${k}`);
      }
    }
  };
  walk(doc, '#');
  return wrong;
}

/**
 * Per operation: responses present with descriptions and valid status keys, unique operationIds,
 * parameters unique by (name, in), and path parameters exactly those of the path template.
 */
export function checkOperations(doc: JsonObject): string[] {
  const wrong: string[] = [];
  const ids = new Map<string, string>();
  for (const { method, path, op } of operationsOf(doc)) {
    const at = `${method} ${path}`;
    const responses = op.responses as JsonObject | undefined;
    if (!responses || Object.keys(responses).length === 0) wrong.push(`${at}: no responses`);
    for (const [status, response] of Object.entries(responses ?? {})) {
      if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status)) wrong.push(`${at}: response key ${status}`);
      const r = deref(doc, response);
      if (!r || typeof r.description !== 'string' || r.description.trim() === '') wrong.push(`${at} ${status}: a response needs a description`);
    }
    if (typeof op.operationId === 'string') {
      if (ids.has(op.operationId)) wrong.push(`${at}: operationId ${op.operationId} is also ${ids.get(op.operationId)}'s`);
      ids.set(op.operationId, at);
    }
    const params = ((op.parameters ?? []) as Json[]).map((p) => deref(doc, p)!);
    const seen = new Set<string>();
    for (const p of params) {
      const key = `${String(p.in)}:${String(p.name)}`;
      if (seen.has(key)) wrong.push(`${at}: parameter ${key} twice`);
      seen.add(key);
      if (!['query', 'header', 'path', 'cookie'].includes(String(p.in))) wrong.push(`${at}: parameter ${key} has in=${String(p.in)}`);
      if (!p.schema && !p.content) wrong.push(`${at}: parameter ${key} has no schema`);
    }
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    const declared = params.filter((p) => p.in === 'path').map((p) => String(p.name)).sort();
    if (JSON.stringify(templated) !== JSON.stringify(declared)) wrong.push(`${at}: path parameters ${JSON.stringify(declared)} for template ${JSON.stringify(templated)}`);
    for (const p of params) if (p.in === 'path' && p.required !== true) wrong.push(`${at}: path parameter ${String(p.name)} must be required`);
    if (op.requestBody) {
      const body = deref(doc, op.requestBody);
      const media = (body?.content ?? {}) as JsonObject;
      if (Object.keys(media).length === 0) wrong.push(`${at}: requestBody without content`);
      for (const [type, m] of Object.entries(media)) if (!(m as JsonObject).schema) wrong.push(`${at}: requestBody ${type} has no schema`);
    }
  }
  return wrong;
}

/** Every schema's `required` names properties it has. */
export function checkSchemas(doc: JsonObject): string[] {
  const wrong: string[] = [];
  const schemas = ((doc.components as JsonObject | undefined)?.schemas ?? {}) as JsonObject;
  for (const [name, schema] of Object.entries(schemas)) {
    const s = schema as JsonObject;
    const props = (s.properties ?? {}) as JsonObject;
    for (const r of (s.required ?? []) as string[]) if (!(r in props)) wrong.push(`${name}: required ${r} is not a property`);
  }
  return wrong;
}

/**
 * The properties of a schema (through `$ref`s, arrays and `allOf`) that show a reader no value:
 * neither an example nor an enum, nor a referenced schema whose own properties do.
 */
export function propertiesWithoutExamples(doc: JsonObject, schema: Json | undefined, at: string, seen = new Set<string>()): string[] {
  const ref = schema && typeof schema === 'object' && !Array.isArray(schema) ? (schema as JsonObject).$ref : undefined;
  if (typeof ref === 'string') {
    if (seen.has(ref)) return [];
    seen.add(ref);
  }
  const s = deref(doc, schema);
  if (!s) return [];
  if (s.type === 'array') return propertiesWithoutExamples(doc, s.items, `${at}[]`, seen);
  const missing = ((s.allOf ?? []) as Json[]).flatMap((part) => propertiesWithoutExamples(doc, part, at, seen));
  for (const [name, prop] of Object.entries((s.properties ?? {}) as JsonObject)) {
    const p = prop as JsonObject;
    const items = p.items as JsonObject | undefined;
    if (p.example !== undefined || p.examples !== undefined || p.enum !== undefined || p.oneOf !== undefined) continue;
    if (typeof p.$ref === 'string') missing.push(...propertiesWithoutExamples(doc, p, `${at}.${name}`, seen));
    else if (Array.isArray(p.allOf)) missing.push(...p.allOf.flatMap((part) => propertiesWithoutExamples(doc, part, `${at}.${name}`, seen)));
    else if (p.type === 'array' && typeof items?.$ref === 'string') missing.push(...propertiesWithoutExamples(doc, items, `${at}.${name}[]`, seen));
    else missing.push(`${at}.${name}`);
  }
  return missing;
}
