/**
 * Talking to Jeeves: the person's message shows at once, Jeeves's reply when it comes (with a
 * "thinking" line meanwhile), a failure as an error line. Enter sends; Shift+Enter starts a new line.
 */
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { useChat } from "../chat-store.tsx";
import { Page } from "../components/page.tsx";

const MAX_LENGTH = 4000;

export function ChatPage() {
  const { lines, pending, send } = useChat();
  const [text, setText] = useState("");
  const end = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls whenever a line or the pending state changes
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: "end" });
  }, [lines.length, pending]);
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const message = text.trim();
    if (!message) return;
    send(message);
    setText("");
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };
  return (
    <Page title="Chat with Jeeves">
      <div className="chat card">
        <div className="chat-log" role="log" aria-live="polite" aria-label="Conversation with Jeeves">
          {lines.length === 0 && (
            <p className="chat-empty">
              Say <q>help</q> to see what Jeeves can do, or try <q>weather in Paris</q>.
            </p>
          )}
          {lines.map((line) => (
            <div key={line.id} className={`chat-line chat-${line.from}`}>
              <span className="chat-who">
                {line.from === "me" ? "You" : line.from === "jeeves" ? "Jeeves" : "Error"}
              </span>
              <p className="chat-text">{line.text}</p>
              <time className="chat-time" dateTime={line.time}>
                {new Date(line.time).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}
              </time>
            </div>
          ))}
          {pending > 0 && (
            <p className="chat-pending" role="status">
              <span className="spinner" aria-hidden="true" />
              Jeeves is thinking…
            </p>
          )}
          <div ref={end} />
        </div>
        <form className="chat-form" onSubmit={submit} aria-label="Send a message">
          <label htmlFor="chat-input" className="visually-hidden">
            Message to Jeeves
          </label>
          <textarea
            id="chat-input"
            rows={2}
            maxLength={MAX_LENGTH}
            placeholder="Write to Jeeves…"
            aria-describedby="chat-hint"
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onKeyDown}
          />
          <button type="submit" className="button" disabled={!text.trim()}>
            Send
          </button>
          <p id="chat-hint" className="chat-hint">
            Enter sends; Shift+Enter starts a new line.
          </p>
        </form>
      </div>
    </Page>
  );
}
