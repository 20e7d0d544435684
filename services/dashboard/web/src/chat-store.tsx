/**
 * The conversation with Jeeves, kept while the person moves between pages (and dropped at log-out):
 * their message shows at once, Jeeves's reply when POST /api/chat answers, a failure as an error line.
 */

import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from "react";
import { api, unwrap } from "./api/client.ts";
import { errorMessage, isApiError } from "./api/problem.ts";
import { endSession } from "./api/queries.ts";

/** One line of the conversation. */
export interface ChatLine {
  id: number;
  from: "me" | "jeeves" | "error";
  text: string;
  time: string;
}

interface ChatState {
  lines: ChatLine[];
  /** How many messages are waiting for Jeeves's reply. */
  pending: number;
  send(text: string): void;
}

const ChatContext = createContext<ChatState | null>(null);

export function ChatProvider({ children }: { children: ReactNode }) {
  const [lines, setLines] = useState<ChatLine[]>([]);
  const [pending, setPending] = useState(0);
  const nextId = useRef(1);
  const client = useQueryClient();
  const add = useCallback((line: Omit<ChatLine, "id">) => {
    const id = nextId.current++;
    setLines((current) => [...current, { ...line, id }]);
  }, []);
  const send = useCallback(
    (text: string) => {
      add({ from: "me", text, time: new Date().toISOString() });
      setPending((count) => count + 1);
      unwrap(api.POST("/api/chat", { body: { text } }))
        .then((reply) => add({ from: "jeeves", text: reply.text, time: reply.time }))
        .catch((error: unknown) => {
          if (isApiError(error, 401)) endSession(client);
          else add({ from: "error", text: errorMessage(error), time: new Date().toISOString() });
        })
        .finally(() => setPending((count) => count - 1));
    },
    [add, client],
  );
  const value = useMemo(() => ({ lines, pending, send }), [lines, pending, send]);
  return <ChatContext.Provider value={value}>{children}</ChatContext.Provider>;
}

export function useChat(): ChatState {
  const state = useContext(ChatContext);
  if (!state) throw new Error("useChat outside ChatProvider");
  return state;
}
