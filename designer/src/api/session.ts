/**
 * The signed-in management key. Kept in sessionStorage (per tab, gone when the browser closes): the
 * designer holds no other credential, and the API checks the key on every call.
 */
const STORAGE_KEY = 'course-journeys.key';

export const session = {
  key(): string | undefined {
    return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  },
  signIn(key: string): void {
    sessionStorage.setItem(STORAGE_KEY, key);
  },
  signOut(): void {
    sessionStorage.removeItem(STORAGE_KEY);
  },
};
