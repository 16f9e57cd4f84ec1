/**
 * Headers every answer carries. The policy allows scripts from this origin and inline scripts that
 * carry the request's nonce: Next reads the nonce from the request's own content-security-policy
 * header and puts it on the scripts it inlines, and the root layout on its theme script.
 */
export interface SecurityHeaderOptions {
  /** Next's dev server evaluates modules and keeps a hot-reload socket. */
  dev: boolean;
}

export function buildContentSecurityPolicy(nonce: string, options: SecurityHeaderOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${options.dev ? " 'unsafe-eval'" : ''}`,
    // Charts and React set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // 'self' covers the same origin's ws: and wss: for /live.
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function buildSecurityHeaders(nonce: string, options: SecurityHeaderOptions): Record<string, string> {
  return {
    'content-security-policy': buildContentSecurityPolicy(nonce, options),
    // For browsers that predate frame-ancestors.
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    // Page URLs name pipelines and incidents; a link out must not carry them.
    'referrer-policy': 'no-referrer',
  };
}

/** Token-protected pages must not sit in a shared cache, whatever Next decided. */
export function cacheControlFor(contentType: string | undefined, tokenRequired: boolean, current: string | undefined): string | undefined {
  if (!tokenRequired || contentType === undefined || !contentType.toLowerCase().startsWith('text/html')) return current;
  return 'private, no-store';
}
