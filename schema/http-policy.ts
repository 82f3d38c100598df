import type { Plugin } from 'graphql-yoga';

/**
 * HTTP answers the API gives whatever the operation: which browser origins may call it (CORS) and the usual
 * security headers. Tokens travel in the Authorization header, never in cookies, so CORS never allows credentials.
 */
export interface HttpPolicy {
  /** Allowed origins; `*` allows any; empty allows none (the production default). */
  corsOrigins: string[];
  production: boolean;
}

/** yoga's `cors` option: headers only for an allowed origin; any other origin gets none (the browser refuses). */
export function corsFor(origins: string[]) {
  const any = origins.includes('*');
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || !(any || origins.includes(origin))) return false as const;
    return {
      origin: [origin],
      credentials: false,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
      exposedHeaders: ['x-request-id', 'retry-after'],
      maxAge: 600,
    };
  };
}

const COMMON_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
// JSON answers load nothing; GraphiQL (development only, HTML) needs its scripts and styles from this server.
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export function securityHeaders(policy: HttpPolicy): Plugin {
  return {
    onResponse({ response }) {
      for (const [name, value] of Object.entries(COMMON_HEADERS)) response.headers.set(name, value);
      const html = response.headers.get('content-type')?.startsWith('text/html') ?? false;
      if (!html) {
        response.headers.set('Content-Security-Policy', API_CSP);
        // Answers carry personal data: no shared or browser cache keeps them.
        response.headers.set('Cache-Control', 'no-store');
      }
      if (policy.production) response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    },
  };
}
