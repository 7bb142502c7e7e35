// React 19's <Activity> (React 18 has none: vitest.react18.config.ts leaves this file out).
import { Activity, Fragment, StrictMode } from "react";
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createSession, localStorageBackend, SessionProvider, useSession } from "../src/index.ts";
import { ShowId } from "./fixture.tsx";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

// Lets a provider's deferred dispose run.
const settle = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe("SessionProvider with options under <Activity>", () => {
  for (const Wrap of [Fragment, StrictMode])
    it(`keeps listening after <Activity> hides and shows it again without a render (${Wrap == StrictMode ? "StrictMode" : "no StrictMode"}): a rotation elsewhere still reaches the page`, async () => {
      let current!: ReturnType<typeof useSession>;
      function Grab() {
        current = useSession();
        return null;
      }
      // One provider element, so showing it again replays its effects without rendering it (as
      // with React Compiler or a memoized child): it must not go on with a disposed session.
      const element = (
        <SessionProvider options={{ storage: localStorageBackend(), key: "shop" }}>
          <ShowId />
          <Grab />
        </SessionProvider>
      );
      const page = (mode: "visible" | "hidden") => (
        <Wrap>
          <Activity mode={mode}>{element}</Activity>
        </Wrap>
      );
      const { rerender, unmount } = render(page("visible"));
      const first = screen.getByTestId("id").textContent;
      rerender(page("hidden"));
      await settle();
      rerender(page("visible"));
      expect(screen.getByTestId("id").textContent).toBe(first);
      const other = createSession({ storage: localStorageBackend(), key: "shop" });
      const next = await act(() => other.refresh());
      expect(next).not.toBe(first);
      expect(screen.getByTestId("id").textContent).toBe(next);
      // The session made in place of the disposed one is still the provider's own.
      unmount();
      await settle();
      await expect(current.refresh()).rejects.toMatchObject({ code: "disposed" });
      other.dispose();
    });

});
