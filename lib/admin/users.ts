import { z } from 'zod';
import type { Db } from '@/db';
import { emailTaken, findUser, insertUser, listUsers, updateUserRow, type UserFilters } from '@/db/queries/admin/users';
import { recordAudit } from '@/lib/core/audit';
import { hashPassword, PASSWORD_MIN_LENGTH } from '@/lib/auth/passwords';
import { authorize, canGrantRole, isSuperuser, ROLES, scopeOf, type Scope } from '@/lib/auth/policy';
import { revokeUserSessions } from '@/lib/auth/sessions';
import type { RequestContext } from '@/lib/core/context';
import { AppError, conflict, isUniqueViolation, notFound } from '@/lib/core/errors';
import type { Pagination } from '@/lib/http/pagination';
import { toUserDto } from './dto';
import { findOrganizationDto } from './organizations';

const password = z.string().min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`).max(256);

const notificationPreferencesSchema = z.strictObject({
  security_updates: z.enum(['immediate', 'daily', 'weekly', 'off']).optional(),
  other_updates: z.enum(['daily', 'weekly', 'off']).optional(),
});

export const userCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(254).transform((v) => v.toLowerCase()),
  password,
  organization_id: z.number().int().positive().optional(),
  role: z.enum(ROLES).default('viewer'),
  notification_preferences: notificationPreferencesSchema.optional(),
});

export const userUpdateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    email: z
      .email()
      .max(254)
      .transform((v) => v.toLowerCase())
      .optional(),
    password: password.optional(),
    role: z.enum(ROLES).optional(),
    organization_id: z.number().int().positive().optional(),
    is_active: z.boolean().optional(),
    notification_preferences: notificationPreferencesSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change');

const emailConflict = () => conflict('A user with this e-mail already exists', { field: 'email' });

async function findUserDto(db: Db, scope: Scope, id: number) {
  const row = await findUser(db, scope, id);
  return row ? toUserDto(row) : undefined;
}

export async function listUsersFor(ctx: RequestContext, filters: UserFilters, page: Pagination) {
  authorize(ctx.actor, 'user:read');
  const { rows, total } = await listUsers(ctx.db, scopeOf(ctx.actor), filters, page);
  return { rows: rows.map(toUserDto), total };
}

/** The signed-in user behind the caller, or undefined for an API key. */
export async function getCurrentUser(ctx: RequestContext) {
  return ctx.actor.kind === 'user' ? findUserDto(ctx.db, { organizationId: null }, ctx.actor.userId) : undefined;
}

function isSelf(ctx: RequestContext, userId: number) {
  return ctx.actor.kind === 'user' && ctx.actor.userId === userId;
}

export async function getUser(ctx: RequestContext, id: number) {
  const user = await findUserDto(ctx.db, scopeOf(ctx.actor), id);
  if (!user) throw notFound('User');
  if (!isSelf(ctx, id)) authorize(ctx.actor, 'user:read', { organizationId: user.organization_id }, 'User');
  return user;
}

export async function createUser(ctx: RequestContext, input: z.infer<typeof userCreateSchema>) {
  const organizationId = input.organization_id ?? ctx.actor.organizationId;
  authorize(ctx.actor, 'user:create', { organizationId }, 'Organisation');
  if (!canGrantRole(ctx.actor, input.role)) throw new AppError('forbidden', `You cannot create users with role ${input.role}`);
  const org = await findOrganizationDto(ctx.db, scopeOf(ctx.actor), organizationId);
  if (!org) throw notFound('Organisation');
  if (input.role === 'superuser' && !org.is_home) {
    throw new AppError('validation_failed', 'Superusers belong to the home organisation', [
      { path: 'role', code: 'custom', message: 'superuser requires the home organisation' },
    ]);
  }
  if (await emailTaken(ctx.db, input.email)) throw emailConflict();
  const hashed = await hashPassword(input.password);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const userId = await insertUser(trx, {
        name: input.name,
        email: input.email,
        hashed_password: hashed,
        organization_id: organizationId,
        role: input.role,
        notification_preferences: JSON.stringify(input.notification_preferences ?? {}),
      });
      const user = (await findUserDto(trx, { organizationId: null }, userId))!;
      await recordAudit(trx, ctx, {
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        organizationId,
        after: user,
      });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailConflict();
    throw error;
  }
}

export async function updateUser(ctx: RequestContext, id: number, input: z.infer<typeof userUpdateSchema>) {
  const before = await findUserDto(ctx.db, scopeOf(ctx.actor), id);
  if (!before) throw notFound('User');
  const self = isSelf(ctx, id);
  const adminFields = input.role !== undefined || input.organization_id !== undefined || input.is_active !== undefined;
  if (!self || adminFields) authorize(ctx.actor, 'user:update', { organizationId: before.organization_id }, 'User');
  if (!isSuperuser(ctx.actor) && before.role === 'superuser') throw new AppError('forbidden', 'Only superusers can change superusers');
  if (input.role !== undefined && !canGrantRole(ctx.actor, input.role)) {
    throw new AppError('forbidden', `You cannot assign role ${input.role}`);
  }
  if (input.organization_id !== undefined && input.organization_id !== before.organization_id) {
    if (!isSuperuser(ctx.actor)) throw new AppError('forbidden', 'Only superusers can move users between organisations');
    if (!(await findOrganizationDto(ctx.db, scopeOf(ctx.actor), input.organization_id))) throw notFound('Organisation');
  }
  if (self && (input.is_active === false || (input.role !== undefined && input.role !== before.role))) {
    throw new AppError('conflict', 'You cannot deactivate yourself or change your own role');
  }
  if (input.email && (await emailTaken(ctx.db, input.email, id))) throw emailConflict();
  const { password: newPassword, notification_preferences, ...rest } = input;
  const hashed = newPassword ? await hashPassword(newPassword) : undefined;
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      await updateUserRow(trx, id, {
        ...rest,
        ...(hashed ? { hashed_password: hashed } : {}),
        ...(notification_preferences
          ? { notification_preferences: JSON.stringify({ ...before.notification_preferences, ...notification_preferences }) }
          : {}),
        updated_at: new Date(),
      });
      // A new password, a deactivation or a role change ends the user's other sessions.
      if (hashed || input.is_active === false || (input.role && input.role !== before.role)) {
        const exceptSessionId = self && ctx.actor.kind === 'user' ? ctx.actor.sessionId : undefined;
        await revokeUserSessions(trx, id, 'credentials_changed', { exceptSessionId });
      }
      const after = (await findUserDto(trx, { organizationId: null }, id))!;
      await recordAudit(trx, ctx, {
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        organizationId: after.organization_id,
        before,
        after,
        data: hashed ? { password_changed: true } : undefined,
      });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailConflict();
    throw error;
  }
}

export async function deleteUser(ctx: RequestContext, id: number) {
  const before = await findUserDto(ctx.db, scopeOf(ctx.actor), id);
  if (!before) throw notFound('User');
  authorize(ctx.actor, 'user:delete', { organizationId: before.organization_id }, 'User');
  if (isSelf(ctx, id)) throw new AppError('conflict', 'You cannot delete yourself');
  if (!isSuperuser(ctx.actor) && before.role === 'superuser') throw new AppError('forbidden', 'Only superusers can delete superusers');
  const now = new Date();
  return ctx.db.transaction().execute(async (trx) => {
    await updateUserRow(trx, id, { is_deleted: true, is_active: false, deleted_at: now, updated_at: now });
    await revokeUserSessions(trx, id, 'user_deleted', { at: now });
    const after = { ...before, is_deleted: true, is_active: false, updated_at: now.toISOString() };
    await recordAudit(trx, ctx, {
      action: 'user.delete',
      entityType: 'user',
      entityId: id,
      organizationId: before.organization_id,
      before,
      after,
    });
    return after;
  });
}
