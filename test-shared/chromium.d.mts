/** Debian's Chromium, which every browser suite and the bench drive. */
export declare const chromiumPath: string;
/** The launch switches every browser suite and the bench use. */
export declare const chromiumArgs: readonly string[];
