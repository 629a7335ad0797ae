import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { WhenVisible } from './WhenVisible';

describe('WhenVisible', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('keeps the room of a chart below the screen and draws it when it is scrolled to, printed, or the page is idle', () => {
    const observers: { callback: IntersectionObserverCallback }[] = [];
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(public callback: IntersectionObserverCallback) {
          observers.push(this);
        }
        observe() {}
        disconnect() {}
      },
    );
    render(
      <>
        <WhenVisible minHeight={300}>
          <p>first chart</p>
        </WhenVisible>
        <WhenVisible minHeight={300}>
          <p>second chart</p>
        </WhenVisible>
      </>,
    );
    expect(screen.queryByText('first chart')).toBeNull();
    expect(observers).toHaveLength(2);

    act(() => observers[0].callback([{ isIntersecting: true } as IntersectionObserverEntry], {} as IntersectionObserver));
    expect(screen.getByText('first chart')).toBeTruthy();
    expect(screen.queryByText('second chart')).toBeNull();

    act(() => {
      window.dispatchEvent(new Event('beforeprint'));
    });
    expect(screen.getByText('second chart')).toBeTruthy();
  });

  it('draws a chart further down once the browser is idle', () => {
    const idle: IdleRequestCallback[] = [];
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        observe() {}
        disconnect() {}
      },
    );
    vi.stubGlobal('requestIdleCallback', (callback: IdleRequestCallback) => idle.push(callback));
    vi.stubGlobal('cancelIdleCallback', () => {});
    render(
      <WhenVisible minHeight={300}>
        <p>tools chart</p>
      </WhenVisible>,
    );
    expect(screen.queryByText('tools chart')).toBeNull();
    act(() => idle.forEach((callback) => callback({ didTimeout: false, timeRemaining: () => 10 })));
    expect(screen.getByText('tools chart')).toBeTruthy();
  });

  it('waits for the page’s own figures before it starts watching', () => {
    const observed: unknown[] = [];
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        observe(el: unknown) {
          observed.push(el);
        }
        disconnect() {}
      },
    );
    const { rerender } = render(
      <WhenVisible minHeight={300} after={false}>
        <p>chart</p>
      </WhenVisible>,
    );
    expect(observed).toHaveLength(0);
    rerender(
      <WhenVisible minHeight={300} after>
        <p>chart</p>
      </WhenVisible>,
    );
    expect(observed).toHaveLength(1);
    expect(screen.queryByText('chart')).toBeNull();
  });
});
