// Where the Drupal test data lives: the shared fixtures beside the repository
// (verbatim core release histories, hand-written drush output) and our own.

import fs from 'node:fs';
import path from 'node:path';

export const SHARED_FIXTURES_DIR = path.resolve(__dirname, '../../../../shared/fixtures/drupal');
export const RELEASE_HISTORY_DIR = path.join(SHARED_FIXTURES_DIR, 'release-history');
export const LOCAL_FIXTURES_DIR = __dirname;

export function readReleaseHistoryFixture(fileName: string): string {
  return fs.readFileSync(path.join(RELEASE_HISTORY_DIR, fileName), 'utf8');
}

export function readSharedFixture(fileName: string): string {
  return fs.readFileSync(path.join(SHARED_FIXTURES_DIR, fileName), 'utf8');
}

export function readLocalFixture(fileName: string): string {
  return fs.readFileSync(path.join(LOCAL_FIXTURES_DIR, fileName), 'utf8');
}

export function listReleaseHistoryFixtures(): string[] {
  return fs.readdirSync(RELEASE_HISTORY_DIR).filter((name) => name.endsWith('.xml')).sort();
}
