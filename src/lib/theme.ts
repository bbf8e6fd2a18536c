/**
 * Light/dark theme choice. The page follows the system until the reader picks a theme
 * with the toggle; the pick is stored under THEME_STORAGE_KEY. The same rule runs in
 * the inline <head> script (before first paint) and in the toggle's bundled script.
 */

export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'dlb-theme';

export function parseTheme(value: unknown): Theme | undefined {
  return value === 'light' || value === 'dark' ? value : undefined;
}

export function resolveTheme(stored: unknown, systemPrefersDark: boolean): Theme {
  return parseTheme(stored) ?? (systemPrefersDark ? 'dark' : 'light');
}

export function otherTheme(theme: Theme): Theme {
  return theme === 'dark' ? 'light' : 'dark';
}
