import { afterEach, vi } from "vitest";
import { createSession, type Session, type SessionError, type SessionOptions } from "../src/index.ts";

const sessions: Session[] = [];

/** A session with its reported errors collected; disposed after each test. */
export function track(options: SessionOptions = {}) {
  const errors: SessionError[] = [];
  const session = createSession({ ...options, onError: (error) => errors.push(error) });
  sessions.push(session);
  return { session, errors, codes: () => errors.map((error) => error.code) };
}

/** Every error's text, including causes, for checking that no session ID leaks into it. */
export const errorText = (errors: unknown[]) =>
  errors
    .map((error) => [error, (error as Error).stack, (error as Error).cause ?? ""].map(String).join(" "))
    .join("\n");

/** A storage event as another tab's write would produce it (jsdom does not send them across tabs). */
export const otherTabWrites = (key: string | null, newValue: string | null, storageArea: Storage = localStorage) =>
  window.dispatchEvent(new StorageEvent("storage", { key, newValue, storageArea }));

afterEach(() => {
  sessions.splice(0).forEach((session) => session.dispose());
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  sessionStorage.clear();
  localStorage.clear();
});
