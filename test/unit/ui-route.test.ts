// The hash router: which page each location hash names, and page hrefs.
import { describe, expect, it } from 'vitest';
import { routeFromHash, routeHref } from '../../web/ui/route';

describe('hash router', () => {
  it('names the inspector and About pages', () => {
    expect(routeFromHash('#/inspector')).toBe('inspector');
    expect(routeFromHash('#/about')).toBe('about');
    expect(routeFromHash('#/INSPECTOR')).toBe('inspector');
    expect(routeFromHash('#/inspector/extra?x=1')).toBe('inspector');
  });

  it('sends an empty or unknown route to About', () => {
    expect(routeFromHash('')).toBe('about');
    expect(routeFromHash('#')).toBe('about');
    expect(routeFromHash('#/')).toBe('about');
    expect(routeFromHash('#/nowhere', 'inspector')).toBe('about');
  });

  it('keeps the current page for in-page anchors such as the skip link', () => {
    expect(routeFromHash('#main', 'inspector')).toBe('inspector');
    expect(routeFromHash('#main')).toBe('about');
  });

  it('makes hrefs the parser reads back', () => {
    expect(routeHref('inspector')).toBe('#/inspector');
    expect(routeFromHash(routeHref('inspector'))).toBe('inspector');
  });
});

describe('inspector deep links', () => {
  it('round-trips a disk name through #/inspector?disk=, and the route stays the inspector', async () => {
    const { inspectorHref, inspectorDiskFromHash, routeFromHash } = await import('../../web/ui/route');
    const href = inspectorHref('d-bp1abc/ä');
    expect(routeFromHash(href)).toBe('inspector');
    expect(inspectorDiskFromHash(href)).toBe('d-bp1abc/ä');
    expect(inspectorDiskFromHash('#/inspector')).toBeUndefined();
    expect(inspectorDiskFromHash('#/inspector?disk=%E0%A4%A')).toBeUndefined();
  });
});
