const decode = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    // Not written by us (a stray `%`): kept as it is, and then refused as a stored value.
    return value;
  }
};

/**
 * Every value of the cookie `name` in a cookie string (`document.cookie`, or a request's Cookie
 * header), decoded: two cookies of one name (set on different paths) both show up.
 *
 * @example
 * cookieValues("sessionid=a.1; theme=dark; sessionid=b.2", "sessionid"); // ["a.1", "b.2"]
 */
export const cookieValues = (cookies: string | null | undefined, name: string): string[] => {
  const prefix = `${encodeURIComponent(name)}=`;
  return (cookies ?? "")
    .split(/; */)
    .filter((cookie) => cookie.startsWith(prefix))
    .map((cookie) => decode(cookie.slice(prefix.length)));
};
