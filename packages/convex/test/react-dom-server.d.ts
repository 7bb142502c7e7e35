// The one react-dom API the tests use; the package's devDependencies carry no @types/react-dom.
declare module "react-dom/server" {
  export function renderToString(node: import("react").ReactNode): string;
}
