import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { vSessionId } from "@sessionid/convex/server";

export default defineSchema({
  items: defineTable({ sessionId: vSessionId, name: v.string() }).index("by_session", ["sessionId"]),
  // Sessions the server ended (the shop's "end all sessions" does this): calls with them fail.
  ended: defineTable({ sessionId: vSessionId }).index("by_session", ["sessionId"]),
});
