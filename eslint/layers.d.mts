import type { ESLint } from 'eslint';

export const SLICES: string[];
export const SPINE: string[];
export function isExempt(file: string): boolean;
export function importTarget(file: string, specifier: string): { kind: 'repo'; path: string } | { kind: 'package'; name: string };
export function importViolation(file: string, specifier: string, typeOnly?: boolean): string | null;
export function isSqlOutsideDb(file: string): boolean;
declare const plugin: ESLint.Plugin;
export default plugin;
