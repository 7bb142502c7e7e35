// What README examples name without defining: the reader's own app, components and server objects.
// Each is `any` on purpose: the examples are checked for their use of @sessionid, not of these.
/* eslint-disable */
declare const App: any;
declare const CartView: any;
declare const Shop: any;
declare const Checkout: any;
declare const api: any;
declare const request: Request;
declare const req: any;
declare const root: any;
declare const knownId: string;
declare const chrome: any;
declare const analytics: { identify(id: unknown): void };
declare const loadCart: (args: unknown) => void;
declare const getCart: (args: unknown) => Promise<unknown>;
declare const post: (url: string, args: unknown) => Promise<unknown>;
declare const render: any;
declare const renderPage: (props: unknown) => string;
declare const useQuery: any;
declare const useSWR: any;
declare const createQuery: any;
declare const page: number;
declare const session: import("@sessionid/core").Session;
declare module "*.vue" { const component: any; export default component; }
declare module "next/headers" { export function headers(): Promise<Headers>; }
declare module "@react-native-async-storage/async-storage" {
  const AsyncStorage: { getItem(key: string): Promise<string | null>; setItem(key: string, value: string): Promise<void>; removeItem(key: string): Promise<void> };
  export default AsyncStorage;
}
declare module "*/_generated/api" { export const api: any; }
declare module "*/_generated/server" { export const action: any; export const mutation: any; export const query: any; }
declare const app: import("vue").App;
interface ImportMeta { readonly env: Record<string, string> }
declare module "convex/react" {
  export const useQuery: any;
  export const useMutation: (fn: unknown) => (args: { item: string; sessionId: string }) => Promise<void>;
  export const ConvexProvider: any;
  export const ConvexReactClient: any;
}
