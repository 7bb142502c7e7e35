"use client";
import { useEffect, useRef, useState } from "react";
import { useSessionArgs, useSessionFn, useSessionId } from "@sessionid/react";
import { addItem, describeError, fetchCart, logInAs, logOut } from "@sessionid/example-shop/api";
import { formatPrice, products, type Cart } from "@sessionid/example-shop/catalog";

/**
 * The shop's flows on whichever session the page's `ShopSession` made: the ID, the cart of that
 * ID, log-in (the server moves the cart inside `refresh`'s callback) and log-out.
 *
 * @example
 * <ShopSession storage="local"><Shop title="Per browser" /></ShopSession>
 */
export function Shop({ title }: { title: string }) {
  const [sessionId, refresh] = useSessionId();
  // { sessionId } once the ID is known; "skip" in the server render of a page without a cookie.
  const cartArgs = useSessionArgs({});
  const add = useSessionFn(addItem);
  // The last cart read, with the ID it belongs to: after a log-in the old ID's cart is not shown as the new one's.
  const [read, setRead] = useState<{ sessionId: string; cart: Cart }>();
  const cart = read && read.sessionId === sessionId ? read.cart : undefined;
  const [name, setName] = useState("");
  const [error, setError] = useState("");
  const [hydrated, setHydrated] = useState(false);
  const [effectLog, setEffectLog] = useState<string[]>([]);
  const loggedId = useRef<string>(undefined);

  useEffect(() => setHydrated(true), []);

  // The effect that reads the ID: one entry per distinct ID. StrictMode (dev) runs every effect
  // twice on mount; the ref, kept across that remount, makes the second run a no-op.
  useEffect(() => {
    if (!sessionId || loggedId.current === sessionId) return;
    loggedId.current = sessionId;
    setEffectLog((log) => [...log, sessionId]);
  }, [sessionId]);

  // The cart of the current ID; a new ID (log-in, log-out, another tab) reads it again. An answer
  // for an ID the page has left is dropped, and so is one cut off by leaving the page: Firefox
  // aborts the body of a read in flight, and the shop's client then resolves `{}`, not a cart.
  const [reads, setReads] = useState(0);
  useEffect(() => {
    if (cartArgs == "skip") return;
    let current = true;
    const drop = () => void (current = false);
    addEventListener("pagehide", drop);
    fetchCart(cartArgs).then(
      (next) => current && setRead({ sessionId: cartArgs.sessionId, cart: next }),
      (failure) => current && setError(describeError(failure)),
    );
    return () => {
      drop();
      removeEventListener("pagehide", drop);
    };
  }, [cartArgs, reads]);

  /** Runs an action; shows its error, or clears the last one and reads the cart again. */
  const act = (action: () => Promise<unknown>) => () => {
    setError("");
    action().then(
      () => setReads((count) => count + 1),
      (failure) => setError(describeError(failure)),
    );
  };

  return (
    <main>
      <h1>{title}</h1>
      <p>
        <a href="/">All pages</a>
      </p>
      <p>
        Session ID: <code data-testid="session-id">{sessionId ?? ""}</code>
        {hydrated && <span data-testid="hydrated"> (hydrated)</span>}
      </p>
      <p>
        Effect saw: <code data-testid="effect-log">{effectLog.join(" ")}</code>
      </p>
      <p>
        User: <span data-testid="user">{cart?.user ?? ""}</span>
      </p>
      <p>
        <input data-testid="name" aria-label="Your name" placeholder="Your name" value={name} onChange={(event) => setName(event.target.value)} />
        <button data-testid="log-in" onClick={act(() => refresh(logInAs(name)))}>
          Log in
        </button>
        <button data-testid="log-out" onClick={act(() => refresh(logOut))}>
          Log out
        </button>
      </p>
      <p role="alert" data-testid="error">
        {error}
      </p>
      <h2>Products</h2>
      <ul>
        {products.map((product) => (
          <li key={product.id}>
            {product.name} {formatPrice(product.price)}{" "}
            <button data-testid={`add-${product.id}`} onClick={act(() => add({ productId: product.id }))}>
              Add
            </button>
          </li>
        ))}
      </ul>
      <h2>Cart</h2>
      <ul data-testid="cart">
        {cart?.items.map((item) => (
          <li key={item.productId}>
            {item.name} × {item.quantity}
          </li>
        ))}
      </ul>
    </main>
  );
}
