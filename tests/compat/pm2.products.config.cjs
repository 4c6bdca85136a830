// pm2 ecosystem file the compatibility suite starts our products subgraph with (`fedtest pm2 --config`).
// tsx is the interpreter, so pm2 spawns `tsx src/products/main.ts` and signals it directly.
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '../..');

const env = { PORT: process.env.COMPAT_PRODUCTS_PORT || '4001' };
for (const name of ['SERVICE_KEY', 'TRUSTED_KEYS', 'LOG_LEVEL']) {
  if (process.env[name]) env[name] = process.env[name];
}

module.exports = {
  apps: [
    {
      name: 'zhongtai-compat-products',
      script: join(__dirname, 'src/products/main.ts'),
      interpreter: join(root, 'node_modules/.bin/tsx'),
      cwd: __dirname,
      autorestart: false,
      env,
    },
  ],
};
