/**
 * The environment an app's scripts run in: this process's, without what Vitest sets for its own
 * workers (`NODE_ENV=test` makes Next.js warn and Vite-based builds pick test conditions;
 * `VITEST*` flips framework plugins into test mode), plus `extra` (PORT, SHOP_DB).
 *
 * @example
 * spawn("node", ["server.mjs"], { env: appEnvironment({ PORT: "3000" }) });
 */
export function appEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name == "NODE_ENV" || name == "TEST" || name.startsWith("VITEST")) continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}
