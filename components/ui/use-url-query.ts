'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';

/** How long a search string this hook wrote counts as its own echo rather than a navigation. */
const ECHO_MS = 2_000;

/**
 * View state held in the URL's query (filters, search, time range), so a pasted link opens the
 * same view. Typing updates local state at once and the URL with replaceState (no history entry,
 * no server round trip); a real navigation (back, a link to the same page with other parameters)
 * replaces the state. Next reports our own replaceState calls back through useSearchParams, late
 * and possibly one by one while typing: those echoes are recognised and ignored.
 */
export function useUrlQuery<T>(parse: (params: URLSearchParams) => T, toSearch: (value: T, currentSearch: string) => string): [T, (next: T) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const key = params.toString();
  const [value, setValue] = useState(() => parse(new URLSearchParams(key)));
  const written = useRef(new Map<string, number>());
  const parseRef = useRef(parse);
  parseRef.current = parse;

  useEffect(() => {
    const at = written.current.get(key);
    if (at !== undefined && Date.now() - at < ECHO_MS) return;
    written.current.clear();
    const next = parseRef.current(new URLSearchParams(key));
    setValue((current) => (JSON.stringify(current) === JSON.stringify(next) ? current : next));
  }, [key]);

  const update = useCallback(
    (next: T) => {
      setValue(next);
      const search = toSearch(next, window.location.search);
      written.current.set(search.replace(/^\?/, ''), Date.now());
      window.history.replaceState(window.history.state, '', `${pathname}${search}`);
    },
    [pathname, toSearch],
  );
  return [value, update];
}
