import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // kafkajs and prom-client hold process-wide state; bundling them would give route handlers a second copy.
  serverExternalPackages: ['kafkajs', 'prom-client'],
};

export default nextConfig;
