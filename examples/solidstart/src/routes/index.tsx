import { For } from "solid-js";
import { A } from "@solidjs/router";

const pages = [
  ["/cookie", "Cookie: the server renders the ID from the request's cookie"],
  ["/session", "Per tab: sessionStorage"],
  ["/local", "Per browser: localStorage"],
  ["/static", "Static: prerendered, cookie"],
] as const;

/** The home page: links to the shop under each backend. */
export default function Home() {
  return (
    <main>
      <h1>Shop · SolidStart, @sessionid/solid</h1>
      <ul>
        <For each={pages}>
          {([href, label]) => (
            <li>
              <A href={href}>{label}</A>
            </li>
          )}
        </For>
      </ul>
    </main>
  );
}
