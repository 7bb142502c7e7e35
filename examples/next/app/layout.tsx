import type { ReactNode } from "react";

export const metadata = { title: "Next.js shop · @sessionid/react" };

/**
 * The root layout, a Server Component. It reads no request data (cookies, headers), so pages
 * that don't either (/, /session, /local, /static) stay prerendered.
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
