import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import './zod-messages';

const messages = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error?.issues.map((i) => i.message);

describe('validation messages', () => {
  it('reads like something a person would write', () => {
    expect(messages(z.object({ name: z.string().min(1) }), { name: '' })).toEqual(['Required']);
    expect(messages(z.object({ name: z.string() }), {})).toEqual(['Required']);
    expect(messages(z.string().min(12), 'short')).toEqual(['Must be at least 12 characters']);
    expect(messages(z.number().int(), 'x')).toEqual(['Must be a number']);
    expect(messages(z.enum(['a', 'b']), 'c')).toEqual(['Must be one of: a, b']);
    expect(messages(z.strictObject({}), { role: 'x' })).toEqual(['Unknown field: role']);
    expect(messages(z.email(), 'nope')).toEqual(['Must be a valid e-mail address']);
  });

  it('keeps messages written in a schema', () => {
    expect(messages(z.string().min(3, 'Too short, sorry'), 'a')).toEqual(['Too short, sorry']);
  });
});
