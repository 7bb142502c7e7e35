import { mount } from "svelte";
import App from "./App.svelte";
import "../shared/shop.css";

mount(App, { target: document.getElementById("app")! });
