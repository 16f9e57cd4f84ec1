import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/layout/app-header';
import { THEME_SCRIPT } from '@/lib/view/theme-preference';
import './globals.css';
import { Providers } from './providers';

// No title here: each page has its own ("Pipewatch — Overview"), some from live data.
export const metadata: Metadata = {
  description: 'Live observability for Kafka ingestion pipelines: what is wrong, why, and what to do now.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The server's per-request nonce (server/security): the page's Content-Security-Policy allows
  // inline scripts that carry it. Reading headers renders every page per request, as nonces need.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* Applies the theme before the first paint: a fixed script of ours, no user data in it. */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-white text-slate-900 dark:bg-slate-950 dark:text-slate-100">
        <Providers>
          <AppHeader />
          <div className="mx-auto max-w-[1680px] px-4 py-4">{children}</div>
        </Providers>
      </body>
    </html>
  );
}
