import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';

/**
 * Draws its children (a chart: the costliest thing a page draws) only once the page around it has
 * painted and its place is near the screen, or the page is printed; until then an empty box of
 * the same height keeps the layout still. The figures a reader came for appear first, and a
 * chart further down costs nothing until it is scrolled to. Its children may be lazy: their code
 * loads then too.
 */
export function WhenVisible({ minHeight, children }: { minHeight: number; children: ReactNode }) {
  const place = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (shown) return;
    const el = place.current;
    if (!el || typeof IntersectionObserver === 'undefined') {
      setShown(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setShown(true), { rootMargin: '200px 0px' });
    observer.observe(el);
    // Printing shows the whole page: every chart is drawn before the browser lays it out.
    const print = () => flushSync(() => setShown(true));
    window.addEventListener('beforeprint', print);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', print);
    };
  }, [shown]);
  const placeholder = <div ref={place} style={{ minHeight }} aria-hidden="true" />;
  return shown ? <Suspense fallback={placeholder}>{children}</Suspense> : placeholder;
}
