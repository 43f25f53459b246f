import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** Sent as the API-Version header and in the OpenAPI document (major version is in the path). */
export const API_VERSION: string = pkg.version;
