// Where the Drupal test data lives: this folder, inside the repository (its
// README gives each file's origin and licence).

import fs from 'node:fs';
import path from 'node:path';

export const FIXTURES_DIR = __dirname;
export const RELEASE_HISTORY_DIR = path.join(FIXTURES_DIR, 'release-history');

export function readReleaseHistoryFixture(fileName: string): string {
  return fs.readFileSync(path.join(RELEASE_HISTORY_DIR, fileName), 'utf8');
}

export function readFixture(fileName: string): string {
  return fs.readFileSync(path.join(FIXTURES_DIR, fileName), 'utf8');
}

export function listReleaseHistoryFixtures(): string[] {
  return fs.readdirSync(RELEASE_HISTORY_DIR).filter((name) => name.endsWith('.xml')).sort();
}
