import { coreBrowserSuite } from "./suite.ts";

coreBrowserSuite("chromium");
