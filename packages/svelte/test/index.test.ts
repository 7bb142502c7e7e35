import { expect, it } from "vitest";
import * as core from "@sessionid/core";
import * as adapter from "../src/index.ts";

it("re-exports every value @sessionid/core exports, so one import serves an app", () => {
  for (const [name, value] of Object.entries(core)) expect(adapter, name).toHaveProperty(name, value);
});
