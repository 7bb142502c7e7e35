export * from "@sessionid/core";
export * from "./adapter.ts";
