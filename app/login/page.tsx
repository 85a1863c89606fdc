import type { Metadata } from 'next';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const params = await searchParams;
  const next = typeof params.callbackUrl === 'string' ? params.callbackUrl : typeof params.next === 'string' ? params.next : '/';
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold text-slate-900">MSP Ops Hub</h1>
        <p className="mb-6 mt-1 text-sm text-slate-600">Sign in to continue.</p>
        <LoginForm next={next} />
      </div>
    </main>
  );
}
