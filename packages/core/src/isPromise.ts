/** Whether a backend answered with a promise (an async backend) rather than a value. */
export const isPromise = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown>)?.then == "function";
