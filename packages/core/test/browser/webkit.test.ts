import { coreBrowserSuite } from "./suite.ts";

coreBrowserSuite("webkit");
