import type { StorageBackend } from "../types.ts";

/**
 * Keeps the ID in memory: gone on reload, never shared. For tests, servers and as the
 * fallback when real storage fails.
 *
 * @example
 * const session = createSession({ storage: memoryBackend() });
 */
export const memoryBackend = (): StorageBackend => {
  const values = new Map<string, string>();
  return {
    get: (key) => values.get(key),
    set: (key, value) => void values.set(key, value),
    remove: (key) => void values.delete(key),
  };
};
