import { useEffect, useMemo, useState, type FormEvent } from "react";
import { useSession, useSessionArgs, useSessionFn, useSessionId } from "@sessionid/react";
import { addItem, describeError, logInAs, logOut, shopApi, watchCart } from "../shared/api.ts";
import { formatPrice, products, type Cart } from "../shared/catalog.ts";
import { messages } from "../shared/messages.ts";
import { notices } from "../shared/notices.ts";
import { idleChoice, idleOptions, switchIdle } from "../shared/idleChoice.ts";
import { pageHref, shopPages, shortId, storageChoice, storageChoices, switchStorage, type StorageChoice } from "../shared/storageChoice.ts";

/** The shop page: the same markup as every other page, driven by @sessionid/react. */
export function Shop() {
  const [sessionId, sessionRefresh] = useSessionId();
  const session = useSession();
  const api = shopApi(session);
  // This tab's own refreshes, so that only another tab's log-in or log-out is announced.
  const refresh: typeof sessionRefresh = (beforeCommit) => notices.own(() => sessionRefresh(beforeCommit));
  // { sessionId } once the ID is known, "skip" before (an IndexedDB backend still loading).
  const cartArgs = useSessionArgs({});
  // Takes { productId }; the current sessionId is added at call time.
  const add = useSessionFn(addItem);
  const [cart, setCart] = useState<Cart>();
  const [status, setStatus] = useState({ text: "", error: false });
  const say = (text: string, error = false) => setStatus({ text, error });
  const attempt = (action: () => Promise<unknown>) => action().catch((error) => say(describeError(error), true));

  useEffect(() => notices.listen(session, (text) => say(text)), [session]);
  useEffect(() => void (cart && notices.cart(cart.user)), [cart]);

  // Watch the cart of the current ID; a new ID (log-in, another tab's rotation) starts a new watch.
  const watchedId = cartArgs == "skip" ? undefined : cartArgs.sessionId;
  useEffect(() => {
    setCart(undefined);
    if (!watchedId) return;
    return watchCart(
      { sessionId: watchedId },
      {
        onCart: setCart,
        onEnded: (sent) => attempt(async () => (await notices.own(() => session.end!(sent)), say(messages.endedElsewhere))),
        onError: (error) => say(error.message, true),
      },
    );
  }, [watchedId]);

  const logIn = (event: FormEvent<HTMLFormElement>) => {
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
  const total = useMemo(() => (cart?.items ?? []).reduce((sum, item) => sum + item.price * item.quantity, 0), [cart]);

  return (
    <>
      <header className="top">
        <h1>
          Shop <small>· React, @sessionid/react</small>
        </h1>
        <nav>
          {shopPages.map(([page, label]) => (
            <a key={page} href={pageHref(page)} aria-current={page == "react" ? "page" : undefined}>
              {label}
            </a>
          ))}
        </nav>
      </header>
      <main className="layout">
        <section className="panel">
          <h2>Session</h2>
          <dl className="facts">
            <dt>Storage</dt>
            <dd>
              <select data-testid="storage" aria-label="Storage" value={storageChoice()} onChange={(event) => switchStorage(event.target.value as StorageChoice)}>
                {Object.entries(storageChoices).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </dd>
            <dt>Idle timeout</dt>
            <dd>
              <select data-testid="idle" aria-label="Idle timeout" value={idleChoice()} onChange={(event) => switchIdle(event.target.value)}>
                {idleOptions().map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </dd>
            <dt>Session ID</dt>
            <dd>
              <code data-testid="session-id">{shortId(sessionId)}</code>
            </dd>
            <dt>User</dt>
            <dd data-testid="user">{cart?.user ?? "anonymous"}</dd>
          </dl>
          <form className="actions" data-testid="login-form" hidden={!!cart?.user} onSubmit={logIn}>
            <input name="name" data-testid="login-name" placeholder="Your name" aria-label="Your name" required maxLength={32} />
            <button className="primary" data-testid="login">
              Log in
            </button>
          </form>
          <div className="actions" data-testid="account" hidden={!cart?.user}>
            <button data-testid="logout" onClick={() => attempt(async () => (await refresh(logOut), say(messages.loggedOut)))}>
              Log out
            </button>
            <button data-testid="end-all" onClick={endAll}>
              End all sessions of this user
            </button>
          </div>
          <div className="actions">
            <button data-testid="second-tab" onClick={() => open(location.href)}>
              Open a second tab
            </button>
          </div>
        </section>
        <section className="panel">
          <h2>Products</h2>
          <ul>
            {products.map((product) => (
              <li key={product.id}>
                <span>
                  {product.name} <span className="muted">{formatPrice(product.price)}</span>
                </span>
                <button data-testid={`add-${product.id}`} onClick={() => attempt(async () => setCart(await add({ productId: product.id })))}>
                  Add
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section className="panel">
          <h2>Cart</h2>
          <ul data-testid="cart">
            {cart?.items.map((item) => (
              <li key={item.productId} data-testid={`cart-item-${item.productId}`}>
                <span>
                  {item.name} × {item.quantity}
                </span>
                <button data-testid={`remove-${item.productId}`} onClick={() => attempt(async () => setCart(await api.removeItem(item.productId)))}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <p className="muted" data-testid="cart-empty">
            {!cart ? "Loading…" : cart.items.length ? "" : "Your cart is empty."}
          </p>
          <p className="total">
            <span>Total</span>
            <span data-testid="total">{formatPrice(total)}</span>
          </p>
        </section>
        <p className={status.error ? "status error" : "status"} role="status" data-testid="status">
          {status.text}
        </p>
      </main>
    </>
  );
}
