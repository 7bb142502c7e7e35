import type { StorageBackend } from "../types.ts";

type Message = [key: string, value: string | null];

/**
 * Cross-tab news for browser-wide backends that have no storage event (IndexedDB, cookies): a
 * write is announced with its value on a BroadcastChannel, which also reaches other sessions in
 * this tab. The value travels with the message because another tab's view of storage can lag
 * (Chromium's cookie reads do under load); a late message cannot bring back an older ID, as a
 * session never re-adopts an ID it already held.
 */
export const broadcast = (name: string): Required<Pick<StorageBackend, "subscribe">> & {
  post(key: string, value: string | null): void;
} => ({
  post(key, value) {
    if (typeof BroadcastChannel != "function") return;
    const channel = new BroadcastChannel(name);
    channel.postMessage([key, value] satisfies Message);
    // Firefox can drop a message whose channel is closed at once after posting it (an external
    // removal then reached no tab): close it once the message has had time to leave.
    setTimeout(() => channel.close(), 1000);
  },
  subscribe(key, onChange) {
    if (typeof BroadcastChannel != "function") return () => {};
    const channel = new BroadcastChannel(name);
    let listening = true;
    channel.onmessage = ({ data }: MessageEvent<Message>) => {
      // Passed on from a timer: a frozen Chromium tab still gets channel messages (not its timers,
      // storage or cookie events). A repair it started at once would be granted the Web Lock and
      // hold it, unable to run, until resumed, and every other tab's refresh would wait for it.
      if (Array.isArray(data) && data[0] == key) setTimeout(() => listening && onChange(data[1]));
    };
    return () => {
      listening = false;
      channel.close();
    };
  },
});
