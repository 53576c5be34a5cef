/**
 * Light or dark: the user's choice (kept in localStorage) or, on "auto", the system's. The page follows
 * through CSS variables on <html data-theme>; the graph canvas gets the resolved theme from the context.
 */
import { createContext, useContext, useEffect, useState } from 'react';

export type ThemeChoice = 'auto' | 'light' | 'dark';
export type Theme = 'light' | 'dark';
const KEY = 'chokepoint.theme';

export const ThemeContext = createContext<Theme>('light');
export const useThemeName = (): Theme => useContext(ThemeContext);

const systemDark = () => typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
const stored = (): ThemeChoice => { const v = localStorage.getItem(KEY); return v === 'light' || v === 'dark' ? v : 'auto'; };

export function useTheme(): { theme: Theme; choice: ThemeChoice; choose: (c: ThemeChoice) => void } {
  const [choice, setChoice] = useState<ThemeChoice>(stored);
  const [dark, setDark] = useState(systemDark);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  const theme: Theme = choice === 'auto' ? (dark ? 'dark' : 'light') : choice;
  useEffect(() => { document.documentElement.dataset.theme = theme; }, [theme]);
  const choose = (c: ThemeChoice) => { if (c === 'auto') localStorage.removeItem(KEY); else localStorage.setItem(KEY, c); setChoice(c); };
  return { theme, choice, choose };
}
