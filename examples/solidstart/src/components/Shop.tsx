import { createEffect, createSignal, For, on, onMount, Show } from "solid-js";
import { A } from "@solidjs/router";
import { useSessionFn, useSessionId, type SessionId } from "@sessionid/solid";
import { addItem, describeError, fetchCart, logInAs, logOut } from "@sessionid/example-shop/api";
import { formatPrice, products, type Cart } from "@sessionid/example-shop/catalog";

/**
 * The shop under the nearest `<SessionProvider>`: the session ID, the cart of that session,
 * log-in (which moves the cart to a new ID) and log-out. Each page wraps it in the provider of
 * its own backend.
 *
 * @example
 * <SessionProvider key="shop">
 *   <Shop title="Per tab (sessionStorage)" />
 * </SessionProvider>
 */
export function Shop(props: { title: string }) {
  const [sessionId, refresh] = useSessionId();
  const add = useSessionFn(addItem);
  const [cart, setCart] = createSignal<Cart>();
  const [log, setLog] = createSignal<SessionId[]>([]);
  const [error, setError] = createSignal("");
  const [hydrated, setHydrated] = createSignal(false);
  const [name, setName] = createSignal("");
  onMount(() => setHydrated(true));

  // Effects run only in the browser, after hydration: this one runs once per distinct ID (the
  // accessor only changes when the ID does) and loads that session's cart.
  createEffect(
    on(sessionId, (id) => {
      setCart(undefined);
      if (!id) return;
      setLog((seen) => [...seen, id]);
      fetchCart({ sessionId: id }).then(
        // An answer for an ID this tab has already left (a log-in in between) is dropped.
        (answer) => sessionId() == id && setCart(answer),
        (failure) => sessionId() == id && setError(describeError(failure)),
      );
    }),
  );

  const attempt = async (action: () => Promise<unknown>) => {
    setError("");
    try {
      await action();
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  // The server moves the cart to the next ID inside refresh's callback; if it refuses, the tab
  // keeps its ID (and cart) and the error shows.
  const logIn = (event: SubmitEvent) => {
    event.preventDefault();
    void attempt(() => refresh(logInAs(name())));
  };

  return (
    <main>
      <h1>{props.title}</h1>
      <nav>
        <A href="/">All pages</A>
      </nav>
      <Show when={hydrated()}>
        <span data-testid="hydrated" hidden />
      </Show>
      <dl>
        <dt>Session ID</dt>
        <dd>
          <code data-testid="session-id">{sessionId() ?? ""}</code>
        </dd>
        <dt>User</dt>
        <dd data-testid="user">{cart()?.user ?? ""}</dd>
        <dt>IDs seen by the effect</dt>
        <dd data-testid="effect-log">{log().join(" ")}</dd>
      </dl>
      <form onSubmit={logIn}>
        <input data-testid="name" aria-label="Your name" placeholder="Your name" value={name()} onInput={(event) => setName(event.currentTarget.value)} />
        <button data-testid="log-in" type="submit">
          Log in
        </button>
        <button data-testid="log-out" type="button" onClick={() => void attempt(() => refresh(logOut))}>
          Log out
        </button>
      </form>
      <p data-testid="error" role="alert">
        {error()}
      </p>
      <h2>Products</h2>
      <ul>
        <For each={products}>
          {(product) => (
            <li>
              {product.name} {formatPrice(product.price)}{" "}
              <button data-testid={`add-${product.id}`} type="button" onClick={() => void attempt(async () => setCart(await add({ productId: product.id })))}>
                Add
              </button>
            </li>
          )}
        </For>
      </ul>
      <h2>Cart</h2>
      <ul data-testid="cart">
        <For each={cart()?.items}>
          {(item) => (
            <li>
              {item.name} × {item.quantity}
            </li>
          )}
        </For>
      </ul>
    </main>
  );
}
