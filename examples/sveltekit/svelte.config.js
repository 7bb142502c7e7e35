import adapter from "@sveltejs/adapter-node";

/** @type {import("@sveltejs/kit").Config} */
export default {
  // Svelte 5 reads `<script lang="ts">` itself: no preprocessor needed.
  kit: { adapter: adapter() },
};
