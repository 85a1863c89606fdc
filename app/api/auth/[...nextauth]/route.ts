// Auth.js endpoints for the browser sign-in (sign-in, sign-out, CSRF token).
export { GET, POST } from '@/lib/auth/next-auth-handlers';
