/**
 * A copy of `value` (an error, its `cause` chain, or a string) with every ID in `ids` replaced by
 * `[session id]`: message, stack and causes, so a backend that puts the value it was given into
 * its error (`new Error("cannot write " + value)`) cannot hand an ID to `onError` or a log.
 * The copy keeps the error's `name` (such as `QuotaExceededError`) so apps can still tell
 * faults apart.
 *
 * @example
 * redactIds(new Error("cannot write V1StGXR8_Z5jdHi6B-myT"), ["V1StGXR8_Z5jdHi6B-myT"]).message;
 * // "cannot write [session id]"
 */
export const redactIds = (value: unknown, ids: Iterable<string>, depth = 0): unknown => {
  const scrub = (text: string) => {
    for (const id of ids) text = text.split(id).join("[session id]");
    return text;
  };
  if (typeof value == "string") return scrub(value);
  if (!value || typeof value != "object") return value;
  const { name, message, stack, cause } = value as Partial<Error>;
  if (typeof message != "string") return scrub(String(value));
  const copy = new Error(scrub(message), cause === undefined || depth > 8 ? undefined : { cause: redactIds(cause, ids, depth + 1) });
  copy.name = typeof name == "string" ? scrub(name) : "Error";
  copy.stack = typeof stack == "string" ? scrub(stack) : "";
  return copy;
};
