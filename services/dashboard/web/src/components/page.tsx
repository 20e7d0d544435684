/** A page's heading (focused on arrival, so screen readers announce the new page) and its body. */
import { type ReactNode, useEffect, useRef } from "react";

export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Jeeves`;
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <section className="page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}
