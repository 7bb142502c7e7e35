import { afterEach, vi } from "vitest";
import { decodeStored } from "../src/storedSession.ts";
import { isSessionId } from "../src/isSessionId.ts";
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

/**
 * Another tab's write to shared storage: the value lands in the storage area and a storage event
 * arrives (jsdom sends none across tabs, so it is dispatched by hand). `key: null` is `clear()`.
 */
export const otherTabWrites = (key: string | null, newValue: string | null, storageArea: Storage = localStorage) => {
  if (key == null) storageArea.clear();
  else if (newValue == null) storageArea.removeItem(key);
  else storageArea.setItem(key, newValue);
  window.dispatchEvent(new StorageEvent("storage", { key, newValue, storageArea }));
};

afterEach(() => {
  sessions.splice(0).forEach((session) => session.dispose());
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  sessionStorage.clear();
  localStorage.clear();
});

/** The session ID a storage area holds under `key` (the stored value is the ID and its generation). */
export const storedId = (area: Storage, key: string) => decodeStored(area.getItem(key), isSessionId)?.id ?? area.getItem(key);

/** The generation stored with the ID under `key`. */
export const storedGen = (area: Storage, key: string) => decodeStored(area.getItem(key), isSessionId)?.gen;

/** The session ID in a stored value (the ID and its generation), or the value itself. */
export const idOf = (value: string | null | undefined) => decodeStored(value, isSessionId)?.id ?? value;
