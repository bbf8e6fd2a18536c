/**
 * The built course site, served under a non-root base as GitHub Pages serves it:
 * pages render with their navigation, every internal link and asset resolves, search
 * works, the theme is remembered, the phone menu navigates, and nothing logs errors.
 */
import { readdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { E2E_BASE } from './fixtures/env.ts';

/** Chapter folders in content/: the site must publish one page for each. */
const chapterFolders = readdirSync(new URL('../../content/', import.meta.url), { withFileTypes: true }).filter((d) =>
  d.isDirectory(),
);

/** Problems a page reports while it loads: console errors, uncaught exceptions, failed or 4xx/5xx requests. */
function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return problems;
}

async function chapterLinks(page: Page): Promise<{ href: string; title: string }[]> {
  await page.goto('./');
  return page.locator('.chapter-list a').evaluateAll((links) =>
    links.map((a) => ({ href: (a as HTMLAnchorElement).href, title: a.textContent!.replace(/^\s*Chapter \d+:\s*/, '').trim() })),
  );
}

/** Every site page reachable from the landing page, plus the 404 page, by breadth-first crawl. */
async function crawlSite(page: Page): Promise<string[]> {
  await page.goto('./');
  const start = page.url();
  const origin = new URL(start).origin;
  const seen = new Set([start, new URL('404.html', start).href]);
  const queue = [...seen];
  const pages: string[] = [];
  while (queue.length) {
    const url = queue.shift()!;
    pages.push(url);
    await page.goto(url);
    const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const u = new URL(href);
      u.hash = '';
      if (u.origin === origin && u.pathname.startsWith(E2E_BASE) && !seen.has(u.href)) {
        seen.add(u.href);
        queue.push(u.href);
      }
    }
  }
  return pages;
}

test('the landing page lists every chapter, in order, with number, title and summary', async ({ page }) => {
  await page.goto('./');
  await expect(page).toHaveTitle('Deep Learning in the Browser');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deep Learning in the Browser');
  await expect(page.getByRole('heading', { name: 'What you need' })).toBeVisible();
  await expect(page.getByText('WebGPU makes it faster')).toBeVisible();

  const cards = page.locator('.chapter-card');
  await expect(cards).toHaveCount(chapterFolders.length);
  const numbers = await page.locator('.chapter-card__num').allTextContents();
  expect(numbers.map(Number)).toEqual([...numbers.map(Number)].sort((a, b) => a - b));
  for (const card of await cards.all()) {
    await expect(card.locator('.chapter-card__title')).not.toBeEmpty();
    await expect(card.locator('.chapter-card__summary')).not.toBeEmpty();
  }
  await expect(cards.first()).toContainText('What is deep learning');
});

test('every chapter page renders its title, sidebar, table of contents and outline', async ({ page }) => {
  const chapters = await chapterLinks(page);
  expect(chapters.length).toBeGreaterThan(0);
  for (const [i, chapter] of chapters.entries()) {
    await page.goto(chapter.href);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(chapter.title);
    await expect(page).toHaveTitle(`${chapter.title} · Deep Learning in the Browser`);

    const sidebar = page.getByRole('navigation', { name: 'Chapters' });
    await expect(sidebar).toBeVisible();
    await expect(sidebar.getByRole('link')).toHaveCount(chapters.length + 1);
    const current = sidebar.locator('a[aria-current="page"]');
    await expect(current).toHaveCount(1);
    await expect(current).toContainText(chapter.title);

    const toc = page.getByRole('complementary').getByRole('navigation', { name: 'On this page' });
    await expect(toc).toBeVisible();
    const targets = await toc.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) await expect(page.locator(target), `TOC target ${target}`).toHaveCount(1);

    // One h1, and no heading skips a level (h2 -> h4) anywhere on the page.
    const levels = await page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    expect(levels[0]).toBe(1);
    levels.forEach((level, j) => j > 0 && expect(level, `heading ${j}`).toBeLessThanOrEqual(levels[j - 1]! + 1));

    // Landmarks a screen-reader user jumps between.
    await expect(page.getByRole('banner')).toHaveCount(1);
    await expect(page.getByRole('main')).toHaveCount(1);
    await expect(page.getByRole('contentinfo')).toHaveCount(1);

    const pagination = page.getByRole('navigation', { name: 'Previous and next chapter' });
    if (i > 0) await expect(pagination.locator('a[rel="prev"]')).toHaveAttribute('href', new URL(chapters[i - 1]!.href).pathname);
    if (i < chapters.length - 1) await expect(pagination.locator('a[rel="next"]')).toHaveAttribute('href', new URL(chapters[i + 1]!.href).pathname);
  }
});

test('chapter 1 renders math with KaTeX and code with shiki, in both themes', async ({ page }) => {
  await page.goto('chapters/what-is-deep-learning/');
  await expect(page.locator('.katex-display').first()).toBeVisible();
  // MathML is what screen readers read; the HTML rendering is aria-hidden.
  await expect(page.locator('.katex-mathml math').first()).toBeAttached();
  const keyword = page.locator('.astro-code span', { hasText: 'function' }).first();
  const color = () => keyword.evaluate((el) => getComputedStyle(el).color);
  await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
  const light = await color();
  await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
  const dark = await color();
  expect(light).not.toBe(dark);
  expect(light).not.toBe('rgb(0, 0, 0)');
});

test('the table of contents marks the section being read', async ({ page }) => {
  await page.goto('chapters/what-is-deep-learning/');
  const toc = page.getByRole('complementary').getByRole('navigation', { name: 'On this page' });
  await expect(toc.locator('a[aria-current="true"]')).toHaveText('How children learn, and how machines learn');
  await page.locator('#where-deep-learning-is-used').evaluate((h) => h.scrollIntoView({ behavior: 'instant' }));
  await expect(toc.locator('a[aria-current="true"]')).toHaveText('Where deep learning is used');
});

test('every internal link and asset on every page resolves', async ({ page, request }) => {
  const pages = await crawlSite(page);
  expect(pages.length).toBeGreaterThan(2);
  const checked = new Map<string, number>();
  for (const url of pages) {
    await page.goto(url);
    const refs = await page.evaluate(() =>
      [
        ...[...document.querySelectorAll('a[href]')].map((e) => (e as HTMLAnchorElement).href),
        ...[...document.querySelectorAll('link[href]')].map((e) => (e as HTMLLinkElement).href),
        ...[...document.querySelectorAll('script[src]')].map((e) => (e as HTMLScriptElement).src),
        ...[...document.querySelectorAll('img[src]')].map((e) => (e as HTMLImageElement).src),
      ].filter((u) => u.startsWith(location.origin)),
    );
    for (const ref of refs) {
      const target = new URL(ref);
      if (target.hash.length > 1 && target.pathname === new URL(url).pathname) {
        const id = decodeURIComponent(target.hash.slice(1));
        expect(await page.locator(`[id="${id}"]`).count(), `${url} links to #${id}, which is not on the page`).toBe(1);
      }
      target.hash = '';
      if (!checked.has(target.href)) checked.set(target.href, (await request.get(target.href)).status());
      expect(checked.get(target.href), `${target.href} (referenced from ${url})`).toBeLessThan(400);
    }
  }
});

test('the static files of public/ are served: favicon, robots.txt, .nojekyll', async ({ page, request }) => {
  await page.goto('');
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(icon).toBe('/deep-learning-in-the-browser/favicon.svg');
  const svg = await request.get(icon!);
  expect(svg.status()).toBe(200);
  expect(await svg.text()).toContain('<svg');
  expect(await (await request.get('robots.txt')).text()).toContain('User-agent: *');
  // Without it, Pages built from a branch would run Jekyll and drop the `_astro/` folder.
  expect((await request.get('.nojekyll')).status()).toBe(200);
});

test('no page logs an error or has a failed request', async ({ page }) => {
  const pages = await crawlSite(page);
  for (const url of pages) {
    const problems = watchForProblems(page);
    const response = await page.goto(url, { waitUntil: 'networkidle' });
    expect(response?.status(), url).toBe(200);
    expect(problems, url).toEqual([]);
    page.removeAllListeners();
  }
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no accessibility violations on any page (${colorScheme} theme)`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme, baseURL: test.info().project.use.baseURL });
    const page = await context.newPage();
    for (const url of await crawlSite(page)) {
      await page.goto(url);
      // Playgrounds are another component's concern and are checked in their own tests.
      const { violations } = await new AxeBuilder({ page }).exclude('[data-playground]').analyze();
      const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(summary, url).toEqual([]);
    }
    await context.close();
  });
}

test('a missing page answers 404 with the course 404 page, whose links respect the base path', async ({ page }) => {
  const response = await page.goto('chapters/no-such-chapter/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page does not exist');
  const home = page.getByRole('link', { name: 'course overview' });
  await expect(home).toHaveAttribute('href', E2E_BASE);
  await home.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deep Learning in the Browser');
});

test('search finds chapter 1 from a word in its body, from the / key and from the button', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto('./');
  // Type straight after the shortcut, as a reader does, before the search UI has loaded.
  // "dachshund" appears only in chapter 1's prose, not in any title or summary.
  await page.keyboard.press('/');
  await page.keyboard.type('dachshund');
  const dialog = page.getByRole('dialog', { name: 'Search the course' });
  await expect(dialog).toBeVisible();
  const input = dialog.getByRole('textbox');
  await expect(input).toBeFocused();
  await expect(input).toHaveValue('dachshund');
  const result = dialog.locator('.pagefind-ui__result-link').first();
  await expect(result).toHaveText('What is deep learning');
  await expect(result).toHaveAttribute('href', new RegExp(`^${E2E_BASE}chapters/what-is-deep-learning/`));
  await result.click();
  await expect(page).toHaveURL(new RegExp(`${E2E_BASE}chapters/what-is-deep-learning/`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What is deep learning');

  // The button opens it too, on a chapter page, and Escape closes it.
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox').fill('triangles');
  await expect(dialog.locator('.pagefind-ui__result-link').first()).toHaveText('What is deep learning');
  const { violations } = await new AxeBuilder({ page }).include('[data-search-dialog]').analyze();
  expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(problems).toEqual([]);
});

test('the / key does not open search while the reader types in a field', async ({ page }) => {
  await page.goto('./');
  await page.keyboard.press('/');
  const input = page.getByRole('dialog', { name: 'Search the course' }).getByRole('textbox');
  await expect(input).toBeFocused();
  await input.pressSequentially('a/b');
  await expect(input).toHaveValue('a/b');
});

test.describe('theme', () => {
  test.use({ colorScheme: 'light' });

  test('follows the system, and a switch is remembered across a reload', async ({ page }) => {
    await page.goto('chapters/what-is-deep-learning/');
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-theme', 'light');
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);

    await toggle.click();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(lightBg);

    await page.reload();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');

    // The choice holds on other pages too, and switching back is remembered as well.
    await page.goto('./');
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.reload();
    await expect(html).toHaveAttribute('data-theme', 'light');
  });

  test('a dark system gets the dark theme from the inline head script alone', async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: 'dark' });
    const page = await context.newPage();
    // With every script file blocked, only the inline script in <head> can set the theme:
    // that is the one that runs before first paint.
    await page.route('**/*.js', (route) => route.abort());
    await page.goto(new URL('chapters/what-is-deep-learning/', test.info().project.use.baseURL).href);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await context.close();
  });
});

test.describe('phone layout', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the sidebar becomes a menu that opens and navigates to a chapter', async ({ page }) => {
    const chapters = await chapterLinks(page);
    await page.goto('./');
    const menuButton = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Chapters' });
    await expect(menuButton).toBeVisible();
    await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
    await expect(nav).toBeHidden();
    // The header's search shrinks to an icon but keeps its name.
    await expect(page.getByRole('button', { name: 'Search' })).toBeVisible();

    await menuButton.click();
    await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
    await expect(nav).toBeVisible();
    // The menu covers the page below the header, not just the top of it.
    const box = (await nav.boundingBox())!;
    expect(box.y + box.height).toBeGreaterThanOrEqual(844 - 1);
    const last = chapters.at(-1)!;
    await nav.getByRole('link', { name: last.title }).click();

    await expect(page).toHaveURL(last.href);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(last.title);
    await expect(page.getByRole('navigation', { name: 'Chapters' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Menu' })).toHaveAttribute('aria-expanded', 'false');

    // Escape closes an open menu and gives focus back to its button.
    await page.getByRole('button', { name: 'Menu' }).click();
    await expect(page.getByRole('navigation', { name: 'Chapters' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('navigation', { name: 'Chapters' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Menu' })).toBeFocused();
  });

  test('tables and math wider than a phone scroll in their own box, which the keyboard can reach (axe agrees)', async ({ page }) => {
    const chapters = await chapterLinks(page);
    for (const { href } of chapters) {
      await page.goto(href);
      // Boxes join the tab order from a ResizeObserver callback: let two frames pass.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const { violations } = await new AxeBuilder({ page }).exclude('[data-playground]').analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), href).toEqual([]);
    }
    // Chapter 3's table of training runs has six columns: Tab reaches it, arrow keys scroll it.
    await page.goto(chapters.find((c) => /MNIST/.test(c.title))!.href);
    const runs = page.locator('.prose > table', { hasText: 'runs ≥ 95%' });
    await expect(runs).toHaveAttribute('tabindex', '0');
    await runs.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => runs.evaluate((t) => t.scrollLeft)).toBeGreaterThan(0);
    // A table that fits stays out of the tab order.
    await page.setViewportSize({ width: 1280, height: 844 });
    await expect(runs).not.toHaveAttribute('tabindex');
  });

  test('pages fit the phone width: nothing scrolls sideways', async ({ page }) => {
    const chapters = await chapterLinks(page);
    for (const path of ['./', '404.html', ...chapters.map((c) => c.href)]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });
});

test('the skip link is the first stop for the keyboard and moves focus to the content', async ({ page }) => {
  await page.goto('chapters/what-is-deep-learning/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main-content')).toBeFocused();
});
