// examples/next/next.config.ts
import type { NextConfig } from "next";

const config: NextConfig = {
  // The shop's server and client code is TypeScript source (with .ts imports): compile it here.
  transpilePackages: ["@sessionid/example-shop"],
  // A native addon: loaded by Node at run time, never bundled.
  serverExternalPackages: ["better-sqlite3"],
};

export default config;
