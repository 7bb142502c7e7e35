// See https://svelte.dev/docs/kit/types#app.d.ts: nothing to add to the App namespace here.
export {};
