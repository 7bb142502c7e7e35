import type { SessionErrorCode } from "./SessionError.ts";

// The production build's messages: the code and its detail, nothing more (the core README lists
// every code with its meaning and fix). See messages.ts for the development build's words.

/** The message for `code`: the code, and the option, hook, key or time involved. */
export const messageFor = (code: SessionErrorCode, detail = ""): string => `@sessionid ${code}${detail && ` (${detail})`}`;

/** Production builds warn about nothing. */
export const warn = (_what: string, _error?: unknown): void => {};
