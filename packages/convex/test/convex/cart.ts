import { paginationOptsValidator } from "convex/server";
import { ConvexError, v } from "convex/values";
import { isSessionId, runSessionFunctions, SessionIdArg, vSessionId } from "@sessionid/convex/server";
import { api } from "./_generated/api.ts";
import { action, mutation, query } from "./_generated/server.ts";

export const list = query({
  args: { ...SessionIdArg },
  handler: async (ctx, { sessionId }) => {
    if (await ctx.db.query("ended").withIndex("by_session", (q) => q.eq("sessionId", sessionId)).first())
      throw new ConvexError({ code: "SESSION_ENDED" });
    return (await ctx.db.query("items").withIndex("by_session", (q) => q.eq("sessionId", sessionId)).collect()).map((item) => item.name);
  },
});

export const page = query({
  args: { ...SessionIdArg, paginationOpts: paginationOptsValidator },
  handler: (ctx, { sessionId, paginationOpts }) =>
    ctx.db
      .query("items")
      .withIndex("by_session", (q) => q.eq("sessionId", sessionId))
      .paginate(paginationOpts),
});

export const add = mutation({
  args: { ...SessionIdArg, name: v.string() },
  handler: async (ctx, { sessionId, name }) => {
    // v.string() accepts any string: check the format before storing anything under it.
    if (!isSessionId(sessionId)) throw new ConvexError("sessionId is not a session ID; send the one the client session holds.");
    if (await ctx.db.query("ended").withIndex("by_session", (q) => q.eq("sessionId", sessionId)).first())
      throw new ConvexError({ code: "SESSION_ENDED" });
    return await ctx.db.insert("items", { sessionId, name });
  },
});

/** The server ends a session (an admin's "end all sessions", a log-out elsewhere). */
export const end = mutation({
  args: { ...SessionIdArg },
  handler: async (ctx, { sessionId }) => void (await ctx.db.insert("ended", { sessionId })),
});

/** The log-in pattern: move the anonymous session's items to the session that replaces it. */
export const transfer = mutation({
  args: { ...SessionIdArg, newSessionId: vSessionId },
  handler: async (ctx, { sessionId, newSessionId }) => {
    const items = await ctx.db.query("items").withIndex("by_session", (q) => q.eq("sessionId", sessionId)).collect();
    for (const item of items) await ctx.db.patch(item._id, { sessionId: newSessionId });
    return items.length;
  },
});

export const addOne = action({
  args: { ...SessionIdArg, name: v.string() },
  handler: async (ctx, { sessionId, name }): Promise<void> => {
    await runSessionFunctions(ctx, sessionId).runSessionMutation(api.cart.add, { name });
  },
});

export const addMany = action({
  args: { ...SessionIdArg, names: v.array(v.string()) },
  handler: async (ctx, { sessionId, names }): Promise<string[]> => {
    const { runSessionAction, runSessionQuery } = runSessionFunctions(ctx, sessionId);
    for (const name of names) await runSessionAction(api.cart.addOne, { name });
    return await runSessionQuery(api.cart.list);
  },
});

/** Not a session function: no `sessionId` argument (the type tests use it). */
export const total = query({
  args: {},
  handler: async (ctx) => (await ctx.db.query("items").collect()).length,
});
