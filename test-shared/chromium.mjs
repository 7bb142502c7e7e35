// How every test suite and the bench start Chromium: Debian's package (never a downloaded
// browser), with the switches this closed-network machine needs (no background traffic, no
// sandbox as root, no GPU).
export const chromiumPath = "/usr/bin/chromium";

export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];
