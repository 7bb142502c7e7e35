import { messageFor } from "#messages";
import { SessionError } from "./SessionError.ts";
import type { SessionId } from "./types.ts";

// 64 URL-safe symbols, so `byte & 63` is unbiased: 21 of them carry 126 random bits.
const alphabet = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict";

/**
 * Makes a new session ID: 21 characters from `crypto.getRandomValues` (126 bits). Works on
 * plain-http origins, where `crypto.randomUUID` is missing. Never a non-cryptographic source.
 *
 * @example
 * const id = generateSessionId(); // e.g. "V1StGXR8_Z5jdHi6B-myT"
 */
export const generateSessionId = (): SessionId => {
  const crypto = globalThis.crypto;
  if (!crypto?.getRandomValues)
    throw new SessionError("no-crypto", messageFor("no-crypto"));
  let id = "";
  for (const byte of crypto.getRandomValues(new Uint8Array(21))) id += alphabet[byte & 63];
  return id as SessionId;
};
