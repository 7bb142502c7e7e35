import * as React from "react";
import * as ReactDOM from "react-dom";
import { render, screen } from "@testing-library/react";
import { expect, it } from "vitest";
import { reactMajor, useIdFormat } from "./reactMajor.ts";

it("runs react and react-dom of the major version the project names", () => {
  expect(React.version).toMatch(new RegExp(`^${reactMajor}\\.`));
  expect(ReactDOM.version).toBe(React.version);
});

it("renders through @testing-library/react with that same React", () => {
  function Id() {
    // Hooks of one React called inside another React's render would throw ("Invalid hook call").
    return <output data-testid="id">{React.useId()}</output>;
  }
  render(<Id />);
  expect(screen.getByTestId("id").textContent).toMatch(useIdFormat);
});
