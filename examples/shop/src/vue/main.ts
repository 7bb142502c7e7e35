import { createApp } from "vue";
import { sessionPlugin } from "@sessionid/vue";
import { sessionOptions } from "../shared/storageChoice.ts";
import Shop from "./Shop.vue";
import "../shared/shop.css";

// One session for the page, on the backend named by ?storage= (a change reloads the page).
createApp(Shop).use(sessionPlugin(sessionOptions())).mount("#app");
