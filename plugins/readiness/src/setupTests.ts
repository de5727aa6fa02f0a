import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Lazy-loaded extensions and material tables render slowly on a busy machine.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);

// jsdom has no layout: give charts a ResizeObserver that reports a fixed size.
class FixedSizeResizeObserver {
  readonly #callback: ResizeObserverCallback;
  constructor(callback: ResizeObserverCallback) {
    this.#callback = callback;
  }
  observe(target: Element) {
    const rect = {
      width: 600,
      height: 260,
      top: 0,
      left: 0,
      bottom: 260,
      right: 600,
      x: 0,
      y: 0,
    };
    this.#callback(
      [
        {
          target,
          contentRect: { ...rect, toJSON: () => rect },
        } as unknown as ResizeObserverEntry,
      ],
      this as unknown as ResizeObserver,
    );
  }
  unobserve() {}
  disconnect() {}
}

if (typeof window !== 'undefined' && !('ResizeObserver' in window)) {
  Object.defineProperty(window, 'ResizeObserver', {
    writable: true,
    configurable: true,
    value: FixedSizeResizeObserver,
  });
  Object.defineProperty(global, 'ResizeObserver', {
    writable: true,
    configurable: true,
    value: FixedSizeResizeObserver,
  });
}
