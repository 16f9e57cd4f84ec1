'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { NAME_STORAGE_KEY } from '@/lib/view/build-incident-action-request';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab that remembers a name updates this one too.
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

function read(): string {
  try {
    return window.localStorage.getItem(NAME_STORAGE_KEY) ?? '';
  } catch {
    // Storage refused (private mode, a policy): the name is asked each time.
    return '';
  }
}

/**
 * "Your name" for acknowledgements, notes, resolutions and mutes: asked once, remembered in
 * localStorage (pipewatch.name), shared by every form on the page.
 */
export function useRememberedName(): [string, (name: string) => void] {
  const name = useSyncExternalStore(subscribe, read, () => '');
  const remember = useCallback((next: string) => {
    try {
      window.localStorage.setItem(NAME_STORAGE_KEY, next.trim());
    } catch {
      return;
    }
    for (const listener of listeners) listener();
  }, []);
  return [name, remember];
}
