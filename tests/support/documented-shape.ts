import type { z } from 'zod';

// The shape of a vendor's documented response body, derived from the body
// itself (the fixtures kept beside each client). One shape checks two things:
// that a simulator sends what the vendor documents (every documented field,
// with the same JSON type, and no field the vendor does not send), and that a
// client's schema reads no field the documented body lacks. Without it a
// simulator and a client could share one misreading and both pass.
//
// Paths name places in a body: `[]` is every element of an array and `.key`
// a field, e.g. `[].os.buildNumber` or `results[].fields`.

export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

export interface Shape {
  types: Set<JsonType>;
  /** Elements of an array; absent when only empty arrays were documented (elements unknown). */
  element?: Shape;
  /** Fields of an object; absent for an open object, whose keys are data (custom field names). */
  fields?: Map<string, ShapeField>;
}

export interface ShapeField {
  shape: Shape;
  /** Present in every documented record. */
  required: boolean;
}

/** What the samples alone cannot say, each with the reason (so a reader can check it). */
export interface ShapeNotes {
  /** Present in every sample, but the vendor leaves them out in some cases: path → why. */
  optional?: Record<string, string>;
  /** Absent from the samples but documented by the vendor: path → an example value and why. */
  extra?: Record<string, { example: unknown; reason: string }>;
  /** Objects whose keys are data, not fields: path → why. */
  open?: Record<string, string>;
  /** Keys whose value has one shape at every depth (QuickBooks report `Row`). */
  recursive?: readonly string[];
}

export function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return type;
  if (type === 'object') return 'object';
  throw new TypeError(`Not a JSON value: ${type}`);
}

function joinPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function merge(a: Shape, b: Shape): Shape {
  if (a === b) return a;
  const merged: Shape = { types: new Set([...a.types, ...b.types]) };
  if (a.element && b.element) merged.element = merge(a.element, b.element);
  else if (a.element ?? b.element) merged.element = a.element ?? b.element;
  if (a.fields && b.fields) {
    const fields = new Map<string, ShapeField>();
    for (const key of new Set([...a.fields.keys(), ...b.fields.keys()])) {
      const fa = a.fields.get(key);
      const fb = b.fields.get(key);
      if (fa && fb) fields.set(key, { shape: merge(fa.shape, fb.shape), required: fa.required && fb.required });
      else fields.set(key, { shape: (fa ?? fb)!.shape, required: false });
    }
    merged.fields = fields;
  } else if (a.fields ?? b.fields) {
    merged.fields = a.fields ?? b.fields;
  }
  return merged;
}

function derive(value: unknown, recursive: ReadonlyMap<string, Shape>): Shape {
  const type = jsonType(value);
  const shape: Shape = { types: new Set([type]) };
  if (type === 'array') {
    for (const item of value as unknown[]) {
      const itemShape = derive(item, recursive);
      shape.element = shape.element ? merge(shape.element, itemShape) : itemShape;
    }
  } else if (type === 'object') {
    shape.fields = new Map();
    for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
      shape.fields.set(key, { shape: recursive.get(key) ?? derive(field, recursive), required: true });
    }
  }
  return shape;
}

/** Every value found under `key`, at any depth. */
function valuesUnder(value: unknown, key: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const item of value) valuesUnder(item, key, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === key) out.push(v);
      valuesUnder(v, key, out);
    }
  }
  return out;
}

function tokens(path: string): string[] {
  return path.match(/\[\]|[^.[\]]+/g) ?? [];
}

/** The shape at `path` (or its tokens), or null when the documented body has no such place. */
function shapeAt(shape: Shape, path: string | string[]): Shape | null {
  let current: Shape | undefined = shape;
  for (const token of typeof path === 'string' ? tokens(path) : path) {
    if (!current) return null;
    current = token === '[]' ? current.element : current.fields?.get(token)?.shape;
  }
  return current ?? null;
}

function parentAndKey(shape: Shape, path: string): { parent: Shape; key: string } {
  const parts = tokens(path);
  const key = parts.pop();
  const parent = shapeAt(shape, parts);
  if (!key || key === '[]' || !parent?.fields) throw new Error(`Shape note for "${path}": no documented object there.`);
  return { parent, key };
}

/** The documented shape of `samples` (one body, or several of the same endpoint), amended by `notes`. */
export function documentedShape(samples: unknown | readonly unknown[], notes: ShapeNotes = {}, options: { several?: boolean } = {}): Shape {
  const bodies = options.several ? (samples as readonly unknown[]) : [samples];
  const recursive = new Map<string, Shape>();
  for (const key of notes.recursive ?? []) recursive.set(key, { types: new Set() });
  // A recursive key's shape merges its values at every depth; nested
  // occurrences point back to the same shape object.
  for (const [key, placeholder] of recursive) {
    const values = bodies.flatMap((body) => valuesUnder(body, key));
    if (values.length === 0) throw new Error(`Shape note: no "${key}" in the documented body.`);
    const merged = values.map((v) => derive(v, recursive)).reduce(merge);
    Object.assign(placeholder, merged);
  }
  const shape = bodies.map((body) => derive(body, recursive)).reduce(merge);

  for (const path of Object.keys(notes.optional ?? {})) {
    const { parent, key } = parentAndKey(shape, path);
    const field = parent.fields?.get(key);
    if (!field) throw new Error(`Shape note: "${path}" is not in the documented body.`);
    field.required = false;
  }
  for (const [path, { example }] of Object.entries(notes.extra ?? {})) {
    const { parent, key } = parentAndKey(shape, path);
    if (parent.fields?.has(key)) throw new Error(`Shape note: "${path}" is already in the documented body.`);
    parent.fields?.set(key, { shape: derive(example, recursive), required: false });
  }
  for (const path of Object.keys(notes.open ?? {})) {
    const found = shapeAt(shape, path);
    if (!found?.fields) throw new Error(`Shape note: "${path}" is not a documented object.`);
    delete found.fields;
  }
  return shape;
}

function describeTypes(types: Set<JsonType>): string {
  return [...types].join(' or ');
}

/**
 * Where `value` differs from the documented shape: a missing documented
 * field, another JSON type, or a field the documented body does not have.
 * One line per place (array indices folded to `[]`), with how often it occurred.
 */
export function shapeProblems(value: unknown, shape: Shape): string[] {
  const found = new Map<string, number>();
  const note = (path: string, problem: string) => {
    const line = `${path === '' ? '(root)' : path}: ${problem}`;
    found.set(line, (found.get(line) ?? 0) + 1);
  };
  const check = (v: unknown, s: Shape, path: string) => {
    const type = jsonType(v);
    if (!s.types.has(type)) {
      // Documented only as null: the vendor's type for it is unknown.
      if (s.types.size === 1 && s.types.has('null')) return;
      note(path, `${type} where the documented body has ${describeTypes(s.types)}`);
      return;
    }
    if (type === 'array' && s.element) for (const item of v as unknown[]) check(item, s.element, `${path}[]`);
    if (type === 'object' && s.fields) {
      const record = v as Record<string, unknown>;
      for (const [key, field] of s.fields) {
        if (field.required && !(key in record)) note(joinPath(path, key), 'missing (present in every documented record)');
      }
      for (const [key, child] of Object.entries(record)) {
        const field = s.fields.get(key);
        if (field) check(child, field.shape, joinPath(path, key));
        else note(joinPath(path, key), 'not in the documented body');
      }
    }
  };
  check(value, shape, '');
  return [...found].map(([line, count]) => (count > 1 ? `${line} (${count} times)` : line));
}

// --- what a client's schema reads -------------------------------------------

interface ZodDefLike {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: readonly z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
}

/** Every field path a zod schema reads (objects and arrays, through optional, union, lazy …). */
export function schemaPaths(schema: z.ZodType): string[] {
  const paths = new Set<string>();
  const walk = (s: z.ZodType, path: string, stack: Set<z.ZodType>) => {
    if (stack.has(s)) return; // a recursive (lazy) schema: this level is already walked
    const next = new Set(stack).add(s);
    const def = (s as unknown as { def: ZodDefLike }).def;
    switch (def.type) {
      case 'object':
        for (const [key, field] of Object.entries(def.shape ?? {})) {
          const fieldPath = joinPath(path, key);
          paths.add(fieldPath);
          walk(field, fieldPath, next);
        }
        return;
      case 'array':
        if (def.element) walk(def.element, `${path}[]`, next);
        return;
      case 'union':
        for (const option of def.options ?? []) walk(option, path, next);
        return;
      case 'pipe':
        if (def.in) walk(def.in, path, next);
        return;
      case 'intersection':
        if (def.left) walk(def.left, path, next);
        if (def.right) walk(def.right, path, next);
        return;
      case 'lazy':
        if (def.getter) walk(def.getter(), path, next);
        return;
      default:
        if (def.innerType) walk(def.innerType, path, next);
    }
  };
  walk(schema, '', new Set());
  return [...paths];
}

/** Whether `path` leads somewhere the documented shape has (or cannot rule out: open objects, unknown elements). */
function documents(shape: Shape, path: string): boolean {
  let current: Shape = shape;
  for (const token of tokens(path)) {
    if (current.types.size === 1 && current.types.has('null')) return true; // inner structure undocumented
    if (token === '[]') {
      if (!current.types.has('array')) return false;
      if (!current.element) return true;
      current = current.element;
    } else {
      if (!current.types.has('object')) return false;
      if (!current.fields) return true;
      const field = current.fields.get(token);
      if (!field) return false;
      current = field.shape;
    }
  }
  return true;
}

/** Fields a client's schema reads that the documented body lacks (the outermost of each missing branch). */
export function undocumentedReads(schema: z.ZodType, shape: Shape): string[] {
  const missing = schemaPaths(schema).filter((path) => !documents(shape, path));
  return missing.filter((path) => !missing.some((other) => other !== path && (path.startsWith(`${other}.`) || path.startsWith(`${other}[]`))));
}
