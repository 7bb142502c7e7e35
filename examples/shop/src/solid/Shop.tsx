/** @jsxImportSource solid-js */
import { createEffect, createMemo, createSignal, For, on, onCleanup } from "solid-js";
import { useSession, useSessionArgs, useSessionFn, useSessionId } from "@sessionid/solid";
import { addItem, describeError, logInAs, logOut, shopApi, watchCart } from "../shared/api.ts";
import { formatPrice, products, type Cart } from "../shared/catalog.ts";
import { messages } from "../shared/messages.ts";
import { notices } from "../shared/notices.ts";
import { idleChoice, idleOptions, switchIdle } from "../shared/idleChoice.ts";
import { pageHref, shopPages, shortId, storageChoice, storageChoices, switchStorage, type StorageChoice } from "../shared/storageChoice.ts";

/** The shop page: the same markup as every other page, driven by @sessionid/solid. */
export function Shop() {
  const [sessionId, sessionRefresh] = useSessionId();
  const session = useSession();
  const api = shopApi(session);
  // This tab's own refreshes, so that only another tab's log-in or log-out is announced.
  const refresh: typeof sessionRefresh = (beforeCommit) => notices.own(() => sessionRefresh(beforeCommit));
  // { sessionId } once the ID is known, "skip" before (an IndexedDB backend still loading).
  const cartArgs = useSessionArgs(() => ({}));
  // Takes { productId }; the current sessionId is added at call time.
  const add = useSessionFn(addItem);
  const [cart, setCart] = createSignal<Cart>();
  const [status, setStatus] = createSignal({ text: "", error: false });
  const say = (text: string, error = false) => setStatus({ text, error });
  const attempt = (action: () => Promise<unknown>) => action().catch((error) => say(describeError(error), true));
  onCleanup(notices.listen(session, (text) => say(text)));
  createEffect(() => {
    const shown = cart();
    if (shown) notices.cart(shown.user);
  });

  // Watch the cart of the current ID; a new ID (log-in, another tab's rotation) starts a new watch.
  const watchedId = createMemo(() => {
    const args = cartArgs();
    return args == "skip" ? undefined : args.sessionId;
  });
  createEffect(
    on(watchedId, (id) => {
      setCart(undefined);
      if (!id) return;
      onCleanup(
        watchCart(
          { sessionId: id },
          {
            onCart: setCart,
            onEnded: (sent) => attempt(async () => (await notices.own(() => session.end!(sent)), say(messages.endedElsewhere))),
            onError: (error) => say(error.message, true),
          },
        ),
      );
    }),
  );

  const logIn = (event: SubmitEvent & { currentTarget: HTMLFormElement }) => {
    event.preventDefault();
    const name = new FormData(event.currentTarget).get("name") as string;
    attempt(async () => (await refresh(logInAs(name)), say(messages.loggedIn(name))));
  };
  const endAll = () =>
    attempt(async () => {
      let ended = 0;
      await refresh(async () => void ({ ended } = await api.endAllSessions()));
      say(messages.endedAll(ended));
    });
  const total = () => (cart()?.items ?? []).reduce((sum, item) => sum + item.price * item.quantity, 0);

  return (
    <>
      <header class="top">
        <h1>
          Shop <small>· Solid, @sessionid/solid</small>
        </h1>
        <nav>
          <For each={shopPages}>
            {([page, label]) => (
              <a href={pageHref(page)} aria-current={page == "solid" ? "page" : undefined}>
                {label}
              </a>
            )}
          </For>
        </nav>
      </header>
      <main class="layout">
        <section class="panel">
          <h2>Session</h2>
          <dl class="facts">
            <dt>Storage</dt>
            <dd>
              <select data-testid="storage" aria-label="Storage" value={storageChoice()} onChange={(event) => switchStorage(event.currentTarget.value as StorageChoice)}>
                <For each={Object.entries(storageChoices)}>{([value, label]) => <option value={value}>{label}</option>}</For>
              </select>
            </dd>
            <dt>Idle timeout</dt>
            <dd>
              <select data-testid="idle" aria-label="Idle timeout" value={idleChoice()} onChange={(event) => switchIdle(event.currentTarget.value)}>
                <For each={idleOptions()}>{([value, label]) => <option value={value}>{label}</option>}</For>
              </select>
            </dd>
            <dt>Session ID</dt>
            <dd>
              <code data-testid="session-id">{shortId(sessionId())}</code>
            </dd>
            <dt>User</dt>
            <dd data-testid="user">{cart()?.user ?? "anonymous"}</dd>
          </dl>
          <form class="actions" data-testid="login-form" hidden={!!cart()?.user} onSubmit={logIn}>
            <input name="name" data-testid="login-name" placeholder="Your name" aria-label="Your name" required maxLength={32} />
            <button class="primary" data-testid="login">
              Log in
            </button>
          </form>
          <div class="actions" data-testid="account" hidden={!cart()?.user}>
            <button data-testid="logout" onClick={() => attempt(async () => (await refresh(logOut), say(messages.loggedOut)))}>
              Log out
            </button>
            <button data-testid="end-all" onClick={endAll}>
              End all sessions of this user
            </button>
          </div>
          <div class="actions">
            <button data-testid="second-tab" onClick={() => open(location.href)}>
              Open a second tab
            </button>
          </div>
        </section>
        <section class="panel">
          <h2>Products</h2>
          <ul>
            <For each={products}>
              {(product) => (
                <li>
                  <span>
                    {product.name} <span class="muted">{formatPrice(product.price)}</span>
                  </span>
                  <button data-testid={`add-${product.id}`} onClick={() => attempt(async () => setCart(await add({ productId: product.id })))}>
                    Add
                  </button>
                </li>
              )}
            </For>
          </ul>
        </section>
        <section class="panel">
          <h2>Cart</h2>
          <ul data-testid="cart">
            <For each={cart()?.items}>
              {(item) => (
                <li data-testid={`cart-item-${item.productId}`}>
                  <span>
                    {item.name} × {item.quantity}
                  </span>
                  <button data-testid={`remove-${item.productId}`} onClick={() => attempt(async () => setCart(await api.removeItem(item.productId)))}>
                    Remove
                  </button>
                </li>
              )}
            </For>
          </ul>
          <p class="muted" data-testid="cart-empty">
            {!cart() ? "Loading…" : cart()!.items.length ? "" : "Your cart is empty."}
          </p>
          <p class="total">
            <span>Total</span>
            <span data-testid="total">{formatPrice(total())}</span>
          </p>
        </section>
        <p class={status().error ? "status error" : "status"} role="status" data-testid="status">
          {status().text}
        </p>
      </main>
    </>
  );
}
