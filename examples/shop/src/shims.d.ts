// vue-tsc type-checks the .vue files but not .svelte, svelte-check the reverse: each tool resolves
// the other framework's components through these declarations.
declare module "*.vue" {
  import type { DefineComponent } from "vue";
  const component: DefineComponent;
  export default component;
}
declare module "*.svelte" {
  import type { Component } from "svelte";
  const component: Component;
  export default component;
}
