/** @jsxImportSource solid-js */
import { render } from "solid-js/web";
import { SessionProvider } from "@sessionid/solid";
import { sessionOptions } from "../shared/storageChoice.ts";
import { Shop } from "./Shop.tsx";
import "../shared/shop.css";

// One session for the page, on the backend named by ?storage= (a change reloads the page).
render(
  () => (
    <SessionProvider {...sessionOptions()}>
      <Shop />
    </SessionProvider>
  ),
  document.getElementById("app")!,
);
