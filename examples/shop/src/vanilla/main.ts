// The shop on @sessionid/core alone: no framework, no adapter.
import { createSession, sessionArgs, withSessionId, type SessionId } from "@sessionid/core";
import { addItem, describeError, logInAs, logOut, shopApi, watchCart } from "../shared/api.ts";
import { formatPrice, products, type Cart } from "../shared/catalog.ts";
import { messages } from "../shared/messages.ts";
import { notices } from "../shared/notices.ts";
import { idleChoice, idleOptions, switchIdle } from "../shared/idleChoice.ts";
import { pageHref, sessionOptions, shopPages, shortId, storageChoice, storageChoices, switchStorage, type StorageChoice } from "../shared/storageChoice.ts";
import "../shared/shop.css";

const session = createSession(sessionOptions());
const api = shopApi(session);
// Takes { productId }; withSessionId adds the current sessionId at call time.
const add = withSessionId(session, addItem);

const app = document.querySelector<HTMLElement>("#app")!;
app.innerHTML = `
  <header class="top">
    <h1>Shop <small>· vanilla, @sessionid/core</small></h1>
    <nav>${shopPages.map(([page, label]) => `<a href="${pageHref(page)}"${page == "vanilla" ? ' aria-current="page"' : ""}>${label}</a>`).join("")}</nav>
  </header>
  <main class="layout">
    <section class="panel">
      <h2>Session</h2>
      <dl class="facts">
        <dt>Storage</dt>
        <dd><select data-testid="storage" aria-label="Storage">${Object.entries(storageChoices)
          .map(([value, label]) => `<option value="${value}">${label}</option>`)
          .join("")}</select></dd>
        <dt>Idle timeout</dt>
        <dd><select data-testid="idle" aria-label="Idle timeout">${idleOptions()
          .map(([value, label]) => `<option value="${value}">${label}</option>`)
          .join("")}</select></dd>
        <dt>Session ID</dt><dd><code data-testid="session-id"></code></dd>
        <dt>User</dt><dd data-testid="user"></dd>
      </dl>
      <form class="actions" data-testid="login-form">
        <input name="name" data-testid="login-name" placeholder="Your name" aria-label="Your name" required maxlength="32" />
        <button class="primary" data-testid="login">Log in</button>
      </form>
      <div class="actions" data-testid="account" hidden>
        <button data-testid="logout">Log out</button>
        <button data-testid="end-all">End all sessions of this user</button>
      </div>
      <div class="actions">
        <button data-testid="second-tab">Open a second tab</button>
      </div>
    </section>
    <section class="panel">
      <h2>Products</h2>
      <ul>${products
        .map(
          (product) =>
            `<li><span>${product.name} <span class="muted">${formatPrice(product.price)}</span></span><button data-testid="add-${product.id}" data-product="${product.id}">Add</button></li>`,
        )
        .join("")}</ul>
    </section>
    <section class="panel">
      <h2>Cart</h2>
      <ul data-testid="cart"></ul>
      <p class="muted" data-testid="cart-empty"></p>
      <p class="total"><span>Total</span><span data-testid="total"></span></p>
    </section>
    <section class="panel">
      <h2>Refresh</h2>
      <p class="muted">Rotate the ID. The callback runs before the new ID is committed; if it fails, nothing changes.</p>
      <label><input type="checkbox" data-testid="fail-refresh" /> make the callback fail</label>
      <div class="actions"><button data-testid="refresh">Refresh session ID</button></div>
    </section>
    <p class="status" role="status" data-testid="status"></p>
  </main>`;

const $ = <T extends HTMLElement>(testId: string) => app.querySelector<T>(`[data-testid="${testId}"]`)!;
const storageSelect = $<HTMLSelectElement>("storage");
storageSelect.value = storageChoice();
storageSelect.addEventListener("change", () => switchStorage(storageSelect.value as StorageChoice));
const idleSelect = $<HTMLSelectElement>("idle");
idleSelect.value = idleChoice();
idleSelect.addEventListener("change", () => switchIdle(idleSelect.value));

const say = (text: string, error = false) => {
  $("status").textContent = text;
  $("status").classList.toggle("error", error);
};
const attempt = (action: () => Promise<unknown>) => action().catch((error) => say(describeError(error), true));
// This tab's own refreshes, so that only another tab's log-in or log-out is announced.
const refresh = (beforeCommit?: Parameters<typeof session.refresh>[0]) => notices.own(() => session.refresh(beforeCommit));
notices.listen(session, (text) => say(text));

const showCart = (next: Cart | undefined) => {
  const list = $("cart");
  list.replaceChildren(
    ...(next?.items ?? []).map((item) => {
      const line = document.createElement("li");
      line.dataset.testid = `cart-item-${item.productId}`;
      line.innerHTML = `<span></span><button data-testid="remove-${item.productId}">Remove</button>`;
      line.firstElementChild!.textContent = `${item.name} × ${item.quantity}`;
      line.querySelector("button")!.addEventListener("click", () => attempt(async () => showCart(await api.removeItem(item.productId))));
      return line;
    }),
  );
  $("cart-empty").textContent = !next ? "Loading…" : next.items.length ? "" : "Your cart is empty.";
  $("total").textContent = formatPrice((next?.items ?? []).reduce((sum, item) => sum + item.price * item.quantity, 0));
  $("user").textContent = next?.user ?? "anonymous";
  if (next) notices.cart(next.user);
  $("login-form").hidden = !!next?.user;
  $("account").hidden = !next?.user;
};

// One watcher per session ID: sessionArgs answers "skip" while the ID is not known yet.
let stopWatching: (() => void) | undefined;
let watched: SessionId | undefined;
const onSessionId = (id: SessionId | undefined) => {
  $("session-id").textContent = shortId(id);
  // Subscribers may hear the ID they have (a lifetime's async read): the watch goes on.
  if (id && id == watched) return;
  watched = id;
  stopWatching?.();
  showCart(undefined);
  const args = sessionArgs({}, id);
  if (args == "skip") return;
  stopWatching = watchCart(args, {
    onCart: showCart,
    onEnded: (sent) => attempt(async () => (await notices.own(() => session.end!(sent)), say(messages.endedElsewhere))),
    onError: (error) => say(error.message, true),
  });
};
session.subscribe(onSessionId);
onSessionId(session.get());

for (const button of app.querySelectorAll<HTMLButtonElement>("[data-product]"))
  button.addEventListener("click", () => attempt(async () => showCart(await add({ productId: button.dataset.product! }))));

$<HTMLFormElement>("login-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const name = new FormData(event.target as HTMLFormElement).get("name") as string;
  attempt(async () => (await refresh(logInAs(name)), say(messages.loggedIn(name))));
});
$("logout").addEventListener("click", () => attempt(async () => (await refresh(logOut), say(messages.loggedOut))));
$("end-all").addEventListener("click", () =>
  attempt(async () => {
    let ended = 0;
    await refresh(async () => void ({ ended } = await api.endAllSessions()));
    say(messages.endedAll(ended));
  }),
);
$("second-tab").addEventListener("click", () => open(location.href));
$("refresh").addEventListener("click", () =>
  attempt(async () => {
    const fail = $<HTMLInputElement>("fail-refresh").checked;
    try {
      await refresh(() => {
        if (fail) throw new Error("failed on purpose");
      });
      say(messages.refreshed);
    } catch {
      say(messages.refreshAborted, true);
    }
  }),
);
