/**
 * What React Flow needs from a browser that jsdom lacks (as React Flow's testing guide describes): it
 * measures nodes through ResizeObserver and offsetWidth/offsetHeight (the pane by its bounding box), and reads the viewport transform
 * with DOMMatrix. jsdom lays nothing out, so every element measures 200×100 — enough for React Flow to
 * count nodes as measured and show them (unmeasured nodes stay hidden from accessibility queries).
 */
export function stubBrowserLayout(): void {
  class ResizeObserverStub {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element) {
      this.callback([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver);
    }
    unobserve() {}
    disconnect() {}
  }
  class DOMMatrixStub {
    m22 = 1;
    constructor(_transform?: string) {}
  }
  Object.assign(globalThis, { ResizeObserver: ResizeObserverStub, DOMMatrixReadOnly: DOMMatrixStub, DOMMatrix: DOMMatrixStub });
  Object.defineProperties(HTMLElement.prototype, {
    offsetHeight: { configurable: true, get: () => 100 },
    offsetWidth: { configurable: true, get: () => 200 },
  });
  // Animated zooms (fitView with a duration) interpolate over the pane's on-screen size.
  HTMLElement.prototype.getBoundingClientRect = () => ({ x: 0, y: 0, top: 0, left: 0, right: 200, bottom: 100, width: 200, height: 100, toJSON: () => ({}) }) as DOMRect;
  Object.assign(SVGElement.prototype, { getBBox: () => ({ x: 0, y: 0, width: 0, height: 0 }) });
}

/**
 * React Flow re-measures nodes from timers of its own, which land while user-event has React's act
 * environment switched off between keystrokes; React then reports each such update. Only that exact
 * report is dropped, every other console error still shows. Returns the undo for afterAll.
 */
export function quietReactFlowMeasuring(): () => void {
  const original = console.error;
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('The current testing environment is not configured to support act(')) return;
    original(...args);
  };
  return () => {
    console.error = original;
  };
}
