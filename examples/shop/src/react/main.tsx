import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { SessionProvider } from "@sessionid/react";
import { sessionOptions } from "../shared/storageChoice.ts";
import { Shop } from "./Shop.tsx";
import "../shared/shop.css";

// One session for the page, on the backend named by ?storage= (a change reloads the page).
createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <SessionProvider options={sessionOptions()}>
      <Shop />
    </SessionProvider>
  </StrictMode>,
);
