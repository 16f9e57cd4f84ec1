import { assertNever } from '../assert-never';
/**
 * The theme: the system's by default, or pinned dark/light by the header's toggle. The choice is
 * kept in localStorage and applied as data-theme on <html> by an inline script before the first
 * paint (THEME_SCRIPT), so a dark room never sees a white flash.
 */

export type ThemePreference = 'system' | 'dark' | 'light';
export type Theme = 'dark' | 'light';

export const THEME_PREFERENCES: readonly ThemePreference[] = ['system', 'dark', 'light'];
export const THEME_STORAGE_KEY = 'pipewatch-theme';
/** The preference itself, on <html>, for the toggle to read without touching storage. */
export const THEME_PREFERENCE_ATTRIBUTE = 'data-theme-preference';

export function parseThemePreference(value: string | null | undefined): ThemePreference {
  return value === 'dark' || value === 'light' ? value : 'system';
}

export function resolveTheme(preference: ThemePreference, systemPrefersDark: boolean): Theme {
  switch (preference) {
    case 'dark':
    case 'light':
      return preference;
    case 'system':
      return systemPrefersDark ? 'dark' : 'light';
    default:
      return assertNever(preference, 'theme preference');
  }
}

/**
 * Runs in <head> before anything paints; also follows the system's scheme while the preference is
 * "system". Storage may be unavailable (private mode, sandboxed frames): the system theme it is.
 */
export const THEME_SCRIPT = `(function(){
var k=${JSON.stringify(THEME_STORAGE_KEY)},d=document.documentElement,m=window.matchMedia('(prefers-color-scheme: dark)');
function pref(){try{var v=localStorage.getItem(k);return v==='dark'||v==='light'?v:'system'}catch(e){return 'system'}}
function apply(){var p=pref(),t=p==='system'?(m.matches?'dark':'light'):p;d.setAttribute('data-theme',t);d.setAttribute(${JSON.stringify(THEME_PREFERENCE_ATTRIBUTE)},p);d.style.colorScheme=t}
apply();
try{m.addEventListener('change',apply)}catch(e){}
window.addEventListener('storage',function(e){if(e.key===k)apply()});
window.__pipewatchApplyTheme=apply;
})();`;
