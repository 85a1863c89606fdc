import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { VendorError } from './errors';
import { describeFirstIssue, parsePayload } from './payload';

describe('parsePayload', () => {
  const schema = z.array(z.object({ id: z.number(), name: z.string() }));

  it('returns typed data', () => {
    expect(parsePayload('Acme', 'GET /x', '[{"id":1,"name":"a"}]', schema)).toEqual([{ id: 1, name: 'a' }]);
  });

  it('names the endpoint and the first problem of an unexpected shape', () => {
    try {
      parsePayload('Acme', 'GET /v2/things', '[{"id":1,"name":"a"},{"id":"2","name":3}]', schema, { context: 'page 2' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(VendorError);
      const e = error as VendorError;
      expect(e.kind).toBe('invalid_payload');
      expect(e.vendor).toBe('Acme');
      expect(e.endpoint).toBe('GET /v2/things');
      expect(e.message).toContain('GET /v2/things (page 2)');
      expect(e.message).toContain('[1].id');
      expect(e.message).not.toContain('[1].name');
    }
  });

  it('reports malformed JSON', () => {
    expect(() => parsePayload('Acme', 'GET /x', '[{"id": 1', schema)).toThrow(/malformed JSON from GET \/x/);
  });

  it('treats an empty body as invalid unless an empty value is given', () => {
    expect(() => parsePayload('Acme', 'GET /x', '', schema)).toThrow(/empty response/);
    expect(parsePayload('Acme', 'GET /x', '  ', schema, { emptyValue: [] })).toEqual([]);
  });

  it('formats nested paths', () => {
    const result = z.object({ a: z.array(z.object({ b: z.string() })) }).safeParse({ a: [{ b: 'x' }, { b: 1 }] });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeFirstIssue(result.error)).toMatch(/^a\[1\]\.b: /);
  });
});
