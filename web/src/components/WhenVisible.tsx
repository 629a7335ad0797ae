import { startTransition, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';

/**
 * Draws its children (a chart: the costliest thing a page draws) only after the page around it
 * has painted: as soon as its place is near the screen, else once the browser is idle, and at
 * once when the page is printed. Until then an empty box of the same height keeps the layout
 * still. The figures a reader came for appear first; the charts follow without blocking them.
 * Its children may be lazy: their code loads then too. While `after` is false (the page's own
 * figures are still on their way) it waits: a chart drawn then would hold up the answer that
 * arrives meanwhile. Drawing is a transition, which a reader's input or newer data interrupts.
 */
export function WhenVisible({ minHeight, after = true, children }: { minHeight: number; after?: boolean; children: ReactNode }) {
  const place = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (shown || !after) return;
    const el = place.current;
    const show = () => startTransition(() => setShown(true));
    if (!el || typeof IntersectionObserver === 'undefined') {
      show();
      return;
    }
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && show(), { rootMargin: '200px 0px' });
    observer.observe(el);
    // Further down the page: drawn when nothing else is waiting (at the latest after 2 s).
    const idle = typeof requestIdleCallback === 'function' ? requestIdleCallback(show, { timeout: 2_000 }) : undefined;
    const timer = idle === undefined ? setTimeout(show, 1_000) : undefined;
    // Printing shows the whole page: every chart is drawn before the browser lays it out.
    const print = () => flushSync(() => setShown(true));
    window.addEventListener('beforeprint', print);
    return () => {
      observer.disconnect();
      if (idle !== undefined) cancelIdleCallback(idle);
      clearTimeout(timer);
      window.removeEventListener('beforeprint', print);
    };
  }, [shown, after]);
  const placeholder = <div ref={place} style={{ minHeight }} aria-hidden="true" />;
  return shown ? <Suspense fallback={placeholder}>{children}</Suspense> : placeholder;
}
