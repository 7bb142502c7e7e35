// @vitest-environment node
import * as React from "react";
import { renderToString, version } from "react-dom/server";
import { expect, it } from "vitest";
import { reactMajor, useIdFormat } from "./reactMajor.ts";

it("server-renders with react-dom/server of the major version the project names, over that same React", () => {
  expect(React.version).toMatch(new RegExp(`^${reactMajor}\\.`));
  expect(version).toBe(React.version);
  function Id() {
    return <output>{React.useId()}</output>;
  }
  const [, id] = /^<output>(.+)<\/output>$/.exec(renderToString(<Id />)) ?? [];
  expect(id).toMatch(useIdFormat);
});
