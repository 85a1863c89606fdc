import { describe, expect, it } from 'vitest';
import { satisfiesCoreConstraint } from './core-compatibility';

describe('satisfiesCoreConstraint', () => {
  it.each([
    // The constraints in core's fixtures (UpdateContribTest::testCoreCompatibilityMessage).
    ['8.0.0', '^8', true],
    ['8.0.0', '8.0.0 || 8.1.1', true],
    ['8.1.0', '8.0.0 || 8.1.1', false],
    ['8.1.1', '8.0.0 || 8.1.1', true],
    ['8.0.0', '^8.1.0', false],
    ['8.1.0', '^8.1.0', true],
    ['8.1.0', '^8.1.1', false],
    // Composer lowers ^ and >= bounds to -dev, and upper bounds exclude the next major's pre-releases.
    ['8.1.0-beta1', '^8.1.0', true],
    ['9.0.0-alpha1', '^8', false],
    ['8.1.0-beta1', '8.1.0', false],
    // What drupal.org writes today.
    ['10.3.10', '^9.5 || ^10 || ^11', true],
    ['9.4.8', '^9.5 || ^10 || ^11', false],
    ['11.1.0', '^9.5 || ^10 || ^11', true],
    ['12.0.0', '^9.5 || ^10 || ^11', false],
    ['10.3.10', '^10.3 | ^11', true],
    ['10.3.10', '>=10.2 <11', true],
    ['10.1.0', '>=10.2 <11', false],
    ['10.3.10', '>=10.2, <11', true],
    ['8.0.0', '>= 8.0', true],
    ['10.3.10', '>10.3.10', false],
    ['10.3.10', '<=10.3.10', true],
    ['10.3.10', '!=10.3.10', false],
    ['10.3.10', '~10.3.0', true],
    ['10.4.0', '~10.3.0', false],
    ['10.4.0', '~10.3', true],
    ['11.0.0', '~10.3', false],
    ['8.9.20', '8.*', true],
    ['8.9.20', '8.x', true],
    ['9.0.0', '8.*', false],
    ['10.0.0', '*', true],
    ['10.3.10', '10.2 - 10.3', true],
    ['10.4.0', '10.2 - 10.3', false],
    ['10.3.0', '10.2.0 - 10.3.0', true],
    ['10.3.1', '10.2.0 - 10.3.0', false],
    ['0.3.5', '^0.3', true],
    ['0.4.0', '^0.3', false],
    ['10.3.10', '^10.3@stable', true],
    // A dev core sits above every release of its branch.
    ['10.3.x-dev', '^10.3', true],
    ['10.3.x-dev', '<10.4', true],
    ['10.3.x-dev', '<=10.3.10', false],
  ] as const)('%s satisfies %j: %s', (version, constraint, expected) => {
    expect(satisfiesCoreConstraint(version, constraint)).toBe(expected);
  });

  it.each([
    ['10.3.10', 'garbage'],
    ['10.3.10', ''],
    ['10.3.10', '^'],
    ['10.3.10', '>=10.2 || '],
    ['abc', '^8'],
  ])('returns null for %s against %j', (version, constraint) => {
    expect(satisfiesCoreConstraint(version, constraint)).toBeNull();
  });
});
