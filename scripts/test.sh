#!/bin/sh
# npm test: type-check, lint, unit and integration tests (PGlite always;
# PostgreSQL and Redis too when TEST_DATABASE_URL / TEST_REDIS_URL are set),
# then end-to-end tests in Chromium.
set -e
cd "$(dirname "$0")/.."
mkdir -p test-results
rm -f test-results/vitest.json test-results/playwright.json

echo "== type-check"
npx tsc --noEmit -p tsconfig.json

echo "== lint"
npx eslint . --max-warnings=0

echo "== unit and integration tests"
[ -n "$TEST_DATABASE_URL" ] && echo "   (also on PostgreSQL: TEST_DATABASE_URL is set)"
[ -n "$TEST_REDIS_URL" ] && echo "   (also with Redis: TEST_REDIS_URL is set)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json

echo "== end-to-end tests"
CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM_PATH" ]; then
  if [ "$CI" = "true" ]; then
    echo "ERROR: no Chromium at $CHROMIUM_PATH; end-to-end tests cannot run in CI." >&2
    exit 1
  fi
  echo "################################################################"
  echo "# SKIPPED: end-to-end tests need Chromium at $CHROMIUM_PATH."
  echo "# Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH."
  echo "################################################################"
  node scripts/test-summary.mjs
  exit 0
fi
export CHROMIUM_PATH
npx playwright test
node scripts/test-summary.mjs
