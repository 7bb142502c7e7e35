import { describe, expect, it, vi } from "vitest";
import { isSessionId } from "../src/index.ts";
import { cookieBackend } from "../src/cookieBackend.ts";
import { track } from "./helpers.ts";

/** Every string the page assigned to document.cookie, still passed on to jsdom. */
const recordCookieWrites = () => {
  const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, "cookie")!;
  const writes: string[] = [];
  vi.spyOn(Document.prototype, "cookie", "set").mockImplementation(function (this: Document, value: string) {
    writes.push(value);
    descriptor.set!.call(this, value);
  });
  return writes;
};

const clearCookies = () => {
  for (const cookie of document.cookie.split(/; */).filter(Boolean))
    document.cookie = `${cookie.split("=")[0]}=; Max-Age=0; Path=/`;
};

describe("cookieBackend (jsdom)", () => {
  it("stores a new ID in a cookie and reads it back on the next load", () => {
    clearCookies();
    const id = track({ storage: cookieBackend() }).session.get();
    expect(document.cookie).toContain(`sessionid=${id}`);
    expect(track({ storage: cookieBackend() }).session.get()).toBe(id);
    clearCookies();
  });

  it("writes the defensive defaults: Path=/, SameSite=Lax, a Max-Age, and no Secure on http", () => {
    clearCookies();
    const writes = recordCookieWrites();
    track({ storage: cookieBackend() }).session.get();
    expect(location.protocol).toBe("http:");
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^sessionid=[\w-]{21}\.0; Path=\/; Max-Age=31536000; SameSite=lax$/);
    clearCookies();
  });

  it("writes the configured path, domain, sameSite, secure and maxAge", () => {
    const writes = recordCookieWrites();
    const backend = cookieBackend({ path: "/shop", domain: "example.test", sameSite: "lax", secure: true, maxAge: 60 });
    try {
      backend.set("sid", "abcdefghijklmnop");
    } catch {
      // jsdom on http://localhost rejects a Secure cookie for another domain; the write is what matters.
    }
    expect(writes[0]).toBe("sid=abcdefghijklmnop; Path=/shop; Max-Age=60; SameSite=lax; Domain=example.test; Secure");
  });

  it("removes with the same path and domain it set, and Max-Age=0", () => {
    const writes = recordCookieWrites();
    cookieBackend({ path: "/", domain: "localhost" }).remove("sid");
    expect(writes[0]).toBe("sid=; Path=/; Max-Age=0; SameSite=lax; Domain=localhost");
  });

  it("encodes names and values that need it", () => {
    clearCookies();
    const backend = cookieBackend();
    backend.set("my key;=", "value with; semicolons=");
    expect(document.cookie).toContain("my%20key%3B%3D=value%20with%3B%20semicolons%3D");
    expect(backend.get("my key;=")).toBe("value with; semicolons=");
    backend.remove("my key;=");
    expect(backend.get("my key;=")).toBeNull();
  });

  it("prefers the cookie that is a session ID when two share the name (different paths)", () => {
    vi.spyOn(Document.prototype, "cookie", "get").mockReturnValue("sessionid=garbage; other=1; sessionid=real-session-id-000001");
    expect(cookieBackend().get("sessionid")).toBe("real-session-id-000001");
  });

  it("falls back to memory and reports when cookies are disabled", () => {
    vi.spyOn(navigator, "cookieEnabled", "get").mockReturnValue(false);
    const { session, codes } = track({ storage: cookieBackend() });
    expect(isSessionId(session.get())).toBe(true);
    expect(codes()).toEqual(["storage-unavailable"]);
  });

  it("falls back to memory and reports when the browser silently drops the cookie", () => {
    clearCookies();
    vi.spyOn(Document.prototype, "cookie", "set").mockImplementation(() => {});
    const { session, codes } = track({ storage: cookieBackend() });
    const id = session.get();
    expect(isSessionId(id)).toBe(true);
    expect(codes()).toEqual(["storage-write"]);
    expect(session.get()).toBe(id);
  });

  it("reports a cookie of its name that the page cannot see (HttpOnly, the server's: Django's is called sessionid) instead of making a new ID on every load", () => {
    clearCookies();
    const url = location.href;
    const jar = (globalThis as unknown as { jsdom: { cookieJar: { setCookieSync(cookie: string, url: string, options: object): void; getCookieStringSync(url: string, options: object): string; removeAllCookiesSync(): void } } }).jsdom.cookieJar;
    const django = "k3v9x0q2m8w7e5r4t6y1u0i9o8p7a6s5";
    jar.setCookieSync(`sessionid=${django}; Path=/; HttpOnly`, url, { http: true });
    try {
      const { session, codes, errors } = track({ storage: cookieBackend() });
      const id = session.get();
      expect(isSessionId(id)).toBe(true);
      expect(codes()).toEqual(["storage-write"]);
      expect(String(errors[0]?.cause)).toMatch(/HttpOnly/);
      // The server's cookie is untouched, and never reached the page.
      expect(jar.getCookieStringSync(url, { http: true })).toBe(`sessionid=${django}`);
      expect(document.cookie).toBe("");
    } finally {
      jar.removeAllCookiesSync();
    }
  });

  it("without initialId the hydration snapshot is none (a server cannot read the cookie by itself), and the cookie's ID shows right after", () => {
    clearCookies();
    document.cookie = "sessionid=cookie-session-id-000001; Path=/";
    const { session } = track({ storage: cookieBackend() });
    expect(session.getInitial()).toBeUndefined();
    expect(session.get()).toBe("cookie-session-id-000001");
    clearCookies();
  });

  it("tells other sessions of the origin about a rotation (BroadcastChannel)", async () => {
    clearCookies();
    const a = track({ storage: cookieBackend() }).session;
    const b = track({ storage: cookieBackend() }).session;
    expect(b.get()).toBe(a.get());
    const next = await a.refresh();
    await vi.waitFor(() => expect(b.get()).toBe(next));
    clearCookies();
  });

  it("hears its own rotations once each: a late channel message never brings back an older ID", async () => {
    clearCookies();
    const { session } = track({ storage: cookieBackend() });
    const heard: unknown[] = [];
    session.subscribe((id) => heard.push(id));
    const second = await session.refresh();
    const third = await session.refresh();
    // Let every channel message arrive.
    const other = track({ storage: cookieBackend() }).session;
    await other.refresh();
    await vi.waitFor(() => expect(session.get()).toBe(other.get()));
    expect(heard).toEqual([second, third, other.get()]);
    clearCookies();
  });

  it("hears a cookie change no tab announces (the server, expiry, devtools) through cookieStore, and puts its ID back", async () => {
    clearCookies();
    // jsdom has no cookieStore: a stand-in that fires what the browsers fire.
    const store = new EventTarget();
    vi.stubGlobal("cookieStore", store);
    const { session } = track({ storage: cookieBackend() });
    const id = session.get()!;
    session.subscribe(() => {});
    await vi.waitFor(() => expect(document.cookie).toBe(`sessionid=${id}.1`));
    document.cookie = "sessionid=; Path=/; Max-Age=0";
    store.dispatchEvent(Object.assign(new Event("change"), { changed: [], deleted: [{ name: "sessionid" }] }));
    await vi.waitFor(() => expect(document.cookie).toBe(`sessionid=${id}.1`));
    // Other cookies' changes are not ours.
    const read = vi.spyOn(Document.prototype, "cookie", "get");
    store.dispatchEvent(Object.assign(new Event("change"), { changed: [{ name: "theme", value: "dark" }], deleted: [] }));
    expect(read).not.toHaveBeenCalled();
    session.dispose();
    clearCookies();
  });

  it("keeps working when another cookie of the same name (another path) is listed first", () => {
    clearCookies();
    const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, "cookie")!;
    vi.spyOn(Document.prototype, "cookie", "get").mockImplementation(function (this: Document) {
      return ["sessionid=set-on-a-longer-path-01", descriptor.get!.call(this)].filter(Boolean).join("; ");
    });
    const { session, codes } = track({ storage: cookieBackend() });
    return session.refresh().then((next) => {
      expect(codes()).toEqual([]);
      expect(document.cookie).toContain(`sessionid=${next}`);
      clearCookies();
    });
  });
});

describe("cookieBackend under other tabs and server renders", () => {
  it("another tab writing the cookie between our write and the read-back check is not a fault", () => {
    clearCookies();
    const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, "cookie")!;
    let raced = false;
    vi.spyOn(Document.prototype, "cookie", "set").mockImplementation(function (this: Document, value: string) {
      descriptor.set!.call(this, value);
      // Right after our first write of the session cookie, another tab overwrites it.
      if (!raced && value.startsWith("sessionid=") && !value.startsWith("sessionid=;")) {
        raced = true;
        descriptor.set!.call(this, "sessionid=another-tab-wrote-001.5; Path=/");
      }
    });
    const { session, codes } = track({ storage: cookieBackend() });
    session.get();
    expect(codes()).toEqual([]);
    // Still on the cookie, not moved to memory: the next heard change is followed.
    expect(document.cookie).toContain("sessionid=another-tab-wrote-001.5");
    clearCookies();
  });

  it("initialId decides the hydration snapshot: null means the server rendered none, though a cookie is stored", () => {
    clearCookies();
    document.cookie = "sessionid=cookie-session-id-000001.2; Path=/";
    const none = track({ storage: cookieBackend(), initialId: null }).session;
    expect(none.getInitial()).toBeUndefined();
    expect(none.get()).toBe("cookie-session-id-000001");
    const rendered = track({ storage: cookieBackend(), initialId: "what-the-server-saw-01" }).session;
    expect(rendered.getInitial()).toBe("what-the-server-saw-01");
    expect(rendered.get()).toBe("cookie-session-id-000001");
    clearCookies();
  });
});
