/**
 * The framework-free Convex client with session IDs: wrap a `ConvexClient` and a `Session`.
 *
 * @module
 */
export { createSessionClient, type ConvexClientLike, type SessionClient, type Unsubscribe } from "./createSessionClient.ts";
export type {
  SessionArgsAndOptions,
  SessionArgsArray,
  SessionFunction,
  SessionFunctionArgs,
} from "./sessionFunctionTypes.ts";
