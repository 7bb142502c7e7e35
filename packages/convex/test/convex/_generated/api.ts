// What `npx convex codegen` would write: typed references over `anyApi`.
import { anyApi, type ApiFromModules, type FilterApi, type FunctionReference, type FunctionType } from "convex/server";
import type * as cart from "../cart.ts";

type FullApi = ApiFromModules<{ cart: typeof cart }>;
export const api = anyApi as unknown as FilterApi<FullApi, FunctionReference<FunctionType, "public">>;
