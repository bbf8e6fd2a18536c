/**
 * Base-path helpers. GitHub Pages serves the site under `/<repo>/`, so every internal
 * link and asset goes through `withBase`; Astro's `import.meta.env.BASE_URL` is the
 * source of truth at build time.
 */

/** Turns `repo`, `/repo`, `/repo/` or nothing into `/repo/` or `/`. */
export function normalizeBase(raw: string | undefined | null): string {
  const trimmed = (raw ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** Joins a base (`/repo/`) and a site path (`chapters/x/`, `/chapters/x/`). */
export function joinBase(base: string, path: string): string {
  const b = normalizeBase(base);
  const p = path.replace(/^\/+/, '');
  return b + p;
}

/** `withBase('chapters/x/')` using the base the site was built with. */
export function withBase(path: string): string {
  return joinBase(import.meta.env.BASE_URL ?? '/', path);
}

/** Removes the base from a pathname, giving the site-relative path without leading slash. */
export function stripBase(base: string, pathname: string): string {
  const b = normalizeBase(base);
  if (pathname.startsWith(b)) return pathname.slice(b.length);
  if (`${pathname}/` === b) return '';
  return pathname.replace(/^\/+/, '');
}
