// Rendered once at build time: the HTML carries no ID, the browser shows the cookie's right after hydration.
export const prerender = true;
