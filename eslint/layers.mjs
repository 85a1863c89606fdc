// The layer rules of ARCHITECTURE.md as one ESLint plugin, so that breaking
// one fails `npm test`. `importViolation` and `isSqlOutsideDb` decide; the
// rules only feed them what ESLint sees. Tests, end-to-end journeys and
// benchmarks set up and inspect rows directly and are outside the rules.
import path from 'node:path';

export const SLICES = ['inventory', 'qbr', 'drupal', 'admin'];
export const SPINE = ['lib/core', 'lib/http', 'lib/auth', 'lib/mail', 'lib/jobs'];
/** Composes slices from above (through their index.ts); nothing else in lib/ may import it. */
const COMPOSITION = 'lib/collectors';
const QUERY_BUILDERS = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'mergeInto', 'replaceInto', 'selectNoFrom']);
const DATABASE_PACKAGES = ['kysely', 'pg', 'pg-boss', '@electric-sql/pglite'];

const under = (file, dir) => file === dir || file.startsWith(`${dir}/`);
const sliceOf = (file) => SLICES.find((slice) => under(file, `lib/${slice}`)) ?? null;

export function isExempt(file) {
  return /\.test\.tsx?$/.test(file) || ['tests', 'e2e', 'bench', 'eslint'].some((dir) => under(file, dir));
}

/** The repository path an import names ('lib/x/y'), the package name, or null. */
export function importTarget(file, specifier) {
  if (specifier.startsWith('@/')) return { kind: 'repo', path: path.posix.normalize(specifier.slice(2)) };
  if (specifier.startsWith('.')) return { kind: 'repo', path: path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)) };
  const parts = specifier.split('/');
  return { kind: 'package', name: specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] };
}

/**
 * Why `file` may not import `specifier` (a message), or null when it may.
 * `typeOnly`: the import brings types only (`import type`).
 */
export function importViolation(file, specifier, typeOnly = false) {
  if (isExempt(file)) return null;
  const target = importTarget(file, specifier);

  if (target.kind === 'package') {
    if ((under(file, 'app') || under(file, 'components')) && DATABASE_PACKAGES.includes(target.name)) {
      return `${file.split('/')[0]}/ never reaches the database: call lib/<slice> (no ${target.name} here).`;
    }
    if (target.name === 'kysely' && !typeOnly && !under(file, 'db')) return 'Kysely is used only in db/: call a query function from db/queries.';
    return null;
  }
  const to = target.path.replace(/\/index$/, '');

  if (under(file, 'db')) {
    if (['app', 'components', 'jobs', 'scripts'].some((dir) => under(to, dir))) return 'db/ imports nothing above it.';
    if (under(to, 'lib') && to !== 'lib/core/env') return 'db/ imports nothing from lib/ but lib/core/env.';
    return null;
  }
  if (!under(file, 'app') && !under(file, 'components') && (under(to, 'app') || under(to, 'components'))) {
    return 'Nothing below the pages imports app/ or components/.';
  }
  if ((under(file, 'app') || under(file, 'components')) && under(to, 'db')) {
    return `${file.split('/')[0]}/ never imports db/, not even types: use lib/<slice>.`;
  }
  if (under(file, 'components') && under(to, 'lib')) {
    if (/^lib\/[^/]+\/dto$/.test(to) && typeOnly) return null;
    return 'Components import only types from lib/<slice>/dto (import type).';
  }
  if (under(file, 'lib/core') && !under(to, 'lib/core') && !under(to, 'db')) return 'lib/core imports nothing of ours but db/, the layer below it.';
  const spine = SPINE.find((dir) => under(file, dir));
  if (spine && sliceOf(to)) return `${spine} knows no slice: ${sliceOf(to)} plugs into it from jobs/ or app/.`;

  if (under(to, COMPOSITION) && under(file, 'lib') && !under(file, COMPOSITION)) {
    return `${COMPOSITION} sits above the slices: only app/ and jobs/ use it, so a slice's imports stay one-way.`;
  }

  const queriesOf = SLICES.find((name) => under(to, `db/queries/${name}`));
  if (queriesOf && sliceOf(file) && sliceOf(file) !== queriesOf) {
    return `A slice reads only its own tables (db/queries/${sliceOf(file)}, or the shared db/queries/*.ts): use lib/${queriesOf} through its index.ts.`;
  }

  const slice = sliceOf(to);
  if (slice && sliceOf(file) !== slice && to !== `lib/${slice}` && !(to === `lib/${slice}/dto` && typeOnly)) {
    return `Use lib/${slice} through its index.ts (or types from lib/${slice}/dto).`;
  }
  if (under(to, 'lib/simulators') && !under(file, 'lib/simulators') && !/^lib\/vendors\/[^/]+\/source\.ts$/.test(file)) {
    return 'Simulators are reached only through lib/vendors/<vendor>/source.ts.';
  }
  return null;
}

/** SQL may be written only in db/ (and in tests). */
export function isSqlOutsideDb(file) {
  return !isExempt(file) && !under(file, 'db');
}

function relativeFile(context) {
  return path.relative(context.cwd, context.filename).split(path.sep).join('/');
}


const importsRule = {
  meta: { type: 'problem', docs: { description: 'Imports follow the layers of ARCHITECTURE.md' }, schema: [] },
  create(context) {
    const file = relativeFile(context);
    const check = (node, source, typeOnly) => {
      const message = importViolation(file, source, typeOnly);
      if (message) context.report({ node, message });
    };
    return {
      ImportDeclaration(node) {
        const typeOnly = node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
        check(node, node.source.value, typeOnly);
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value, node.exportKind === 'type');
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value, node.exportKind === 'type');
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal' && typeof node.source.value === 'string') check(node, node.source.value, false);
      },
    };
  },
};

const sqlRule = {
  meta: { type: 'problem', docs: { description: 'SQL is written only in db/' }, schema: [] },
  create(context) {
    const file = relativeFile(context);
    if (!isSqlOutsideDb(file)) return {};
    const message = 'SQL lives in db/queries/<slice>: call a query function from there.';
    return {
      'CallExpression > MemberExpression.callee > Identifier.property'(node) {
        if (QUERY_BUILDERS.has(node.name)) context.report({ node, message });
      },
      TaggedTemplateExpression(node) {
        if (node.tag.type === 'Identifier' && node.tag.name === 'sql') context.report({ node, message });
      },
    };
  },
};

const plugin = { meta: { name: 'layers' }, rules: { imports: importsRule, 'sql-in-db': sqlRule } };
export default plugin;
