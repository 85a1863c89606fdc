import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRng, type Rng } from '@/lib/simulators/random';
import { documentedShape, schemaPaths, shapeProblems, undocumentedReads } from './documented-shape';

// A generator that knows its own truth: random documents built from a random
// template, so every field is present in every record and has one JSON type.
// Each mutation below changes one known place, and the checker must name
// exactly that place and nothing else.

type Template =
  | { kind: 'string' | 'number' | 'boolean' }
  | { kind: 'array'; element: Template }
  | { kind: 'object'; fields: Record<string, Template> };

function template(rng: Rng, depth: number): Template {
  const roll = rng.int(0, 9);
  if (depth >= 3 || roll < 4) return { kind: (['string', 'number', 'boolean'] as const)[roll % 3]! };
  if (roll < 6) return { kind: 'array', element: template(rng, depth + 1) };
  return objectTemplate(rng, depth);
}

function objectTemplate(rng: Rng, depth: number): Template {
  const fields: Record<string, Template> = {};
  for (let i = rng.int(1, 4); i > 0; i -= 1) fields[`f${depth}_${rng.int(0, 99)}`] = template(rng, depth + 1);
  return { kind: 'object', fields };
}

function instance(t: Template, rng: Rng): unknown {
  switch (t.kind) {
    case 'string':
      return `s${rng.int(0, 9)}`;
    case 'number':
      return rng.int(0, 1000) / 8;
    case 'boolean':
      return rng.int(0, 1) === 1;
    case 'array':
      return Array.from({ length: rng.int(1, 3) }, () => instance(t.element, rng));
    case 'object':
      return Object.fromEntries(Object.entries(t.fields).map(([k, v]) => [k, instance(v, rng)]));
  }
}

/** Every field of the template as [path, parent path, key, template]. */
function fieldsOf(t: Template, path = ''): Array<{ path: string; parent: string; key: string; t: Template }> {
  if (t.kind === 'array') return fieldsOf(t.element, `${path}[]`);
  if (t.kind !== 'object') return [];
  return Object.entries(t.fields).flatMap(([key, child]) => {
    const childPath = path === '' ? key : `${path}.${key}`;
    return [{ path: childPath, parent: path, key, t: child }, ...fieldsOf(child, childPath)];
  });
}

/** Applies `change` to every object found at `parent` (a path with [] steps). */
function atEvery(value: unknown, parent: string, change: (record: Record<string, unknown>) => void) {
  const steps = parent.match(/\[\]|[^.[\]]+/g) ?? [];
  const visit = (v: unknown, i: number) => {
    if (i === steps.length) return change(v as Record<string, unknown>);
    const step = steps[i]!;
    if (step === '[]') for (const item of v as unknown[]) visit(item, i + 1);
    else visit((v as Record<string, unknown>)[step], i + 1);
  };
  visit(value, 0);
}

const otherValue = (t: Template): unknown => (t.kind === 'string' ? 42 : 'text');

describe('documented shapes, on 300 generated documents', () => {
  const rng = createRng(20251001);
  const cases = Array.from({ length: 300 }, () => {
    const root: Template = { kind: 'array', element: objectTemplate(rng, 0) };
    return { root, documented: instance(root, rng), produced: instance(root, rng) };
  });

  it('accepts another body built from the same template', () => {
    for (const { documented, produced } of cases) {
      expect(shapeProblems(produced, documentedShape(documented))).toEqual([]);
    }
  });

  it('names a missing field, another type and an undocumented field, and nothing else', () => {
    let checked = 0;
    for (const { root, documented, produced } of cases) {
      const shape = documentedShape(documented);
      for (const field of fieldsOf(root)) {
        const missing = structuredClone(produced);
        atEvery(missing, field.parent, (r) => delete r[field.key]);
        expect(shapeProblems(missing, shape).map((p) => p.replace(/ \(\d+ times\)$/, ''))).toEqual([`${field.path}: missing (present in every documented record)`]);

        const retyped = structuredClone(produced);
        atEvery(retyped, field.parent, (r) => (r[field.key] = otherValue(field.t)));
        const [problem, ...rest] = shapeProblems(retyped, shape);
        expect(rest).toEqual([]);
        expect(problem).toMatch(new RegExp(`^${field.path.replace(/[.[\]]/g, '\\$&')}: (number|string) where the documented body has ${field.t.kind}`));

        const added = structuredClone(produced);
        atEvery(added, field.parent, (r) => (r.invented = 1));
        const where = field.parent === '' ? 'invented' : `${field.parent}.invented`;
        expect(shapeProblems(added, shape).map((p) => p.replace(/ \(\d+ times\)$/, ''))).toEqual([`${where}: not in the documented body`]);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('documented shapes: merging and notes', () => {
  const documented = [
    { id: 1, name: 'a', note: null, tags: [], os: { build: '1' } },
    { id: 2, note: null, tags: [], os: { build: '2' }, policyId: 7 },
  ];

  it('makes fields seen in some records optional and accepts any type for fields documented only as null', () => {
    const shape = documentedShape(documented);
    expect(shapeProblems([{ id: 3, note: 'now text', tags: ['x'], os: { build: '3' } }], shape)).toEqual([]);
    expect(shapeProblems([{ id: 3, tags: [], note: null }], shape)).toEqual(['[].os: missing (present in every documented record)']);
    expect(shapeProblems([{ id: null, tags: [], note: null, os: { build: '1' } }], shape)).toEqual(['[].id: null where the documented body has number']);
  });

  it('applies notes, and refuses notes about places the body does not have', () => {
    const shape = documentedShape(documented, {
      optional: { '[].os': 'a device without an agent has no inventory' },
      extra: { '[].parentId': { example: 3, reason: 'documented, omitted when null' } },
      open: { '[].os': 'keys are data' },
    });
    expect(shapeProblems([{ id: 1, tags: [], note: null, parentId: 2 }], shape)).toEqual([]);
    expect(shapeProblems([{ id: 1, tags: [], note: null, os: { anything: true } }], shape)).toEqual([]);
    expect(() => documentedShape(documented, { optional: { '[].nope': 'x' } })).toThrow(/not in the documented body/);
    expect(() => documentedShape(documented, { extra: { '[].id': { example: 1, reason: 'x' } } })).toThrow(/already/);
    expect(() => documentedShape(documented, { open: { '[].id': 'x' } })).toThrow(/not a documented object/);
  });

  it('gives a recursive key one shape at every depth', () => {
    const report = { Rows: { Row: [{ type: 'Section', Rows: { Row: [{ type: 'Data', ColData: [{ value: '1' }] }] } }] } };
    const shape = documentedShape(report, { recursive: ['Row'] });
    const deeper = { Rows: { Row: [{ type: 'Section', Rows: { Row: [{ type: 'Section', Rows: { Row: [{ type: 'Data', ColData: [] }] } }] } }] } };
    expect(shapeProblems(deeper, shape)).toEqual([]);
    expect(shapeProblems({ Rows: { Row: [{ type: 'Data', Colour: 'red' }] } }, shape)).toEqual(['Rows.Row[].Colour: not in the documented body']);
  });
});

describe('what a client schema reads', () => {
  const row: z.ZodType<unknown> = z.lazy(() => z.object({ type: z.string(), Rows: z.object({ Row: z.array(row) }).optional() }));
  const schema = z.array(
    z.looseObject({
      id: z.number(),
      os: z.object({ build: z.string().nullish(), buildNumber: z.string() }).nullish(),
      total: z.union([z.number(), z.string().transform(Number)]).optional(),
      report: row.optional(),
    }),
  );

  it('lists every field path, through optional, union and lazy schemas (a recursive one once)', () => {
    expect(schemaPaths(schema).sort()).toEqual(['[].id', '[].os', '[].os.build', '[].os.buildNumber', '[].report', '[].report.Rows', '[].report.Rows.Row', '[].report.type', '[].total'].sort());
  });

  it('names the reads the documented body lacks, outermost first', () => {
    const shape = documentedShape([{ id: 1, os: { buildNumber: '22631' }, total: 3 }]);
    expect(undocumentedReads(schema, shape)).toEqual(['[].os.build', '[].report']);
    const open = documentedShape([{ id: 1, os: { buildNumber: '1' }, total: 3, report: {} }], { open: { '[].report': 'data' } });
    expect(undocumentedReads(schema, open)).toEqual(['[].os.build']);
  });
});
