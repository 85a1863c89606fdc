import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';

/** Which organisations' rows a caller may see: all (null), or one. */
export type Scope = { organizationId: number | null };

/**
 * The tenant filter every scoped query applies: all rows for superusers,
 * one organisation's rows for everyone else. Query functions take a Scope
 * argument, so a caller cannot forget it.
 */
export function inScope(scope: Scope, column: string) {
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> =>
    scope.organizationId === null ? sql<boolean>`true` : eb(eb.ref(column), '=', scope.organizationId);
}
