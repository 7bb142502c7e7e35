import Link from "next/link";

const pages = [
  ["/cookie", "Cookie", "the server renders the ID of your shop cookie"],
  ["/session", "Per tab", "sessionStorage: each tab has its own ID"],
  ["/local", "Per browser", "localStorage: every tab shares one ID"],
  ["/static", "Static", "prerendered at build time, cookie backend"],
] as const;

/** The home page: links to the shop pages, one per storage. */
export default function HomePage() {
  return (
    <main>
      <h1>Shop · Next.js, @sessionid/react</h1>
      <ul>
        {pages.map(([href, label, what]) => (
          <li key={href}>
            <Link href={href}>{label}</Link>: {what}
          </li>
        ))}
      </ul>
    </main>
  );
}
