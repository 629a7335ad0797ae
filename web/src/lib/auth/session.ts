import { useSyncExternalStore } from 'react';

// The bearer token lives in sessionStorage: it survives a reload but not the closing of the tab.
const tokenKey = 'rollouthub.token';

export type SignOutReason = 'expired' | 'signed-out';

interface SessionState {
  token: string | null;
  reason: SignOutReason | null;
}

function read(): SessionState {
  try {
    return { token: sessionStorage.getItem(tokenKey), reason: null };
  } catch {
    return { token: null, reason: null };
  }
}

let state: SessionState = read();
const listeners = new Set<() => void>();

function emit(next: SessionState) {
  state = next;
  listeners.forEach((l) => l());
}

export function getToken(): string | null {
  return state.token;
}

export function signIn(token: string) {
  try {
    sessionStorage.setItem(tokenKey, token);
  } catch {
    /* keep it in memory only */
  }
  emit({ token, reason: null });
}

export function signOut(reason: SignOutReason = 'signed-out') {
  try {
    sessionStorage.removeItem(tokenKey);
  } catch {
    /* ignore */
  }
  if (state.token !== null || state.reason !== reason) emit({ token: null, reason });
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, () => state, () => state);
}

/** For tests: forget everything. */
export function resetSession() {
  try {
    sessionStorage.removeItem(tokenKey);
  } catch {
    /* ignore */
  }
  emit({ token: null, reason: null });
}
