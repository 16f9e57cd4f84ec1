'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/', label: 'Overview', active: (path: string) => path === '/' || path.startsWith('/pipeline') },
  { href: '/incidents', label: 'Incidents', active: (path: string) => path.startsWith('/incident') },
];

export function NavLinks() {
  const path = usePathname() ?? '/';
  return (
    <nav aria-label="Main" className="flex items-center gap-1 text-sm">
      {LINKS.map((l) => {
        const active = l.active(path);
        return (
          <Link
            key={l.href}
            href={l.href}
            aria-current={active ? 'page' : undefined}
            className={`rounded px-2 py-1 font-medium ${active ? 'bg-slate-200 text-slate-900 dark:bg-slate-800 dark:text-white' : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-900'}`}
          >
            {l.label}
          </Link>
        );
      })}
    </nav>
  );
}
