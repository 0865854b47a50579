import { call, configureClient } from './api/client';
import type { Principal } from './api/types';
import { createStore } from './store';

const KEY = 'sg.console.apiKey';

export interface Session {
  key: string;
  principal: Principal;
}

/** The signed-in key (kept in this tab's sessionStorage only) and whom the API says it belongs to. */
export const session = createStore<Session | null>(null);
export const signInNotice = createStore<string | null>(null);

function adopt(key: string, principal: Principal): void {
  sessionStorage.setItem(KEY, key);
  configureClient(key, () => signOut('Your API key is no longer accepted. Sign in again.'));
  session.set({ key, principal });
}

/** Checks the key with GET /v1/me; throws the API's problem when it is not known. */
export async function signIn(key: string): Promise<void> {
  const { data } = await call('getPrincipal', {}, key);
  signInNotice.set(null);
  adopt(key, data);
}

export function signOut(notice: string | null = null): void {
  sessionStorage.removeItem(KEY);
  configureClient(null);
  signInNotice.set(notice);
  session.set(null);
}

/** A reload keeps the tab signed in: the stored key is checked again. */
export async function restoreSession(): Promise<void> {
  const key = sessionStorage.getItem(KEY);
  if (!key) return;
  try {
    await signIn(key);
  } catch {
    signOut('Sign in again: the stored API key was not accepted.');
  }
}

export const isOperator = (s: Session | null): boolean => s?.principal.role === 'operator';
