import type { StorageBackend } from "../types.ts";

/**
 * Cross-tab news for browser-wide backends that have no storage event (IndexedDB, cookies): a
 * write is announced on a BroadcastChannel, which also reaches other sessions in this tab. The
 * message names only the key; a subscriber reads storage itself, so a late message can never
 * bring back an older value, and no ID travels on the channel.
 */
export const broadcast = (
  name: string,
  read: (key: string) => string | null | undefined | Promise<string | null | undefined>,
): Required<Pick<StorageBackend, "subscribe">> & { post(key: string): void } => ({
  post(key) {
    if (typeof BroadcastChannel != "function") return;
    const channel = new BroadcastChannel(name);
    channel.postMessage(key);
    channel.close();
  },
  subscribe(key, onChange) {
    if (typeof BroadcastChannel != "function") return () => {};
    const channel = new BroadcastChannel(name);
    channel.onmessage = ({ data }: MessageEvent) => {
      if (data == key) Promise.resolve(read(key)).then((value) => onChange(value ?? null), () => {});
    };
    return () => channel.close();
  },
});
