import { coreBrowserSuite } from "./suite.ts";

coreBrowserSuite("firefox");
