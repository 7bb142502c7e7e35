import { convexTest } from "convex-test";
import schema from "./convex/schema.ts";

const modules = import.meta.glob("./convex/**/*.ts");

/** A fresh in-memory Convex backend running the functions under test/convex. */
export const createBackend = () => convexTest(schema, modules);
export type Backend = ReturnType<typeof createBackend>;
