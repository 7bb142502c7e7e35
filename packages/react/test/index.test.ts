import { expect, it } from "vitest";
import * as core from "@sessionid/core";
import * as react from "../src/index.ts";

it("re-exports every value @sessionid/core exports, so one import serves an app", () => {
  for (const [name, value] of Object.entries(core)) expect(react, name).toHaveProperty(name, value);
});
