'use server';

import { AuthError } from 'next-auth';
import { signIn } from '@/lib/auth/next-auth';

export type LoginState = { error: string | null; email: string };

/** Signs in with e-mail and password; on success Auth.js redirects to the target page. */
export async function loginAction(_prev: LoginState, form: FormData): Promise<LoginState> {
  const next = String(form.get('next') ?? '/');
  const email = String(form.get('email') ?? '');
  try {
    await signIn('credentials', {
      email,
      password: String(form.get('password') ?? ''),
      redirectTo: next.startsWith('/') && !next.startsWith('//') ? next : '/',
    });
    return { error: null, email };
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      return {
        email,
        error:
          code === 'throttled'
            ? 'Too many failed attempts. Wait a few minutes and try again.'
            : 'That e-mail and password do not match an active account.',
      };
    }
    throw error; // the redirect after a successful sign-in
  }
}
