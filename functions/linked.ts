import { createDecipheriv } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The resources an SST function is linked to (infra/: `link: [databaseUrl, jwtSecret, …]`), read exactly as
 * `Resource` from the `sst` package reads them (sst 3.18.10, dist/resource.js):
 *
 * 1. `SST_RESOURCES_JSON`: all of them as one JSON object (SST uses it where the environment is too small);
 * 2. `SST_RESOURCE_<Name>`: one JSON object each (`{"value": …}` for a secret); `sst dev` and `App` use these;
 * 3. `SST_KEY_FILE` + `SST_KEY`: what a deployed Lambda gets. The linked values are not in the environment at all
 *    but in a file in the bundle (`resource.enc`), AES-256-GCM under the base64 key `SST_KEY` with a zero nonce,
 *    the tag in its last 16 bytes; later sources win.
 *
 * Not `import { Resource } from 'sst'`: sst is not an npm dependency of this project (the registry here carries
 * only its linux-x64 binary package, so a lock file listing it cannot be installed with `npm ci`; see
 * scripts/sst-typecheck.sh), so neither tsc nor the bundler could resolve it. This reader is the same format in a
 * few lines, pinned by test/unit/linked-config.test.ts, which writes both forms as SST's deploy does. One
 * difference: a malformed SST_RESOURCES_JSON stops the start here (sst only logs it), like every other bad setting.
 */
export type LinkedResources = Record<string, Record<string, unknown>>;

export function readLinkedResources(env: NodeJS.ProcessEnv, readFile: (path: string) => Buffer = readFileSync): LinkedResources {
  const linked: LinkedResources = {};
  if (env.SST_RESOURCES_JSON) Object.assign(linked, parse(env.SST_RESOURCES_JSON, 'SST_RESOURCES_JSON'));
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('SST_RESOURCE_') && value) linked[key.slice('SST_RESOURCE_'.length)] = parse(value, key);
  }
  if (env.SST_KEY_FILE && env.SST_KEY) Object.assign(linked, decryptKeyFile(readFile(env.SST_KEY_FILE), env.SST_KEY));
  return linked;
}

function decryptKeyFile(data: Buffer, base64Key: string): LinkedResources {
  try {
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(base64Key, 'base64'), Buffer.alloc(12, 0));
    decipher.setAuthTag(data.subarray(-16));
    const plain = Buffer.concat([decipher.update(data.subarray(0, -16)), decipher.final()]);
    return parse(plain.toString('utf8'), 'SST_KEY_FILE');
  } catch (error) {
    throw new Error(`SST_KEY_FILE cannot be decrypted with SST_KEY (linked resources unreadable): ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parse(text: string, source: string): LinkedResources {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${source} is not JSON (SST links)`);
  }
  if (!value || typeof value !== 'object') throw new Error(`${source} is not an object (SST links)`);
  return value as LinkedResources;
}

/** A linked resource's string property (`Resource.<name>.<property>`), if that resource is linked and has it. */
export function linkedString(linked: LinkedResources, name: string, property = 'value'): string | undefined {
  const value = linked[name]?.[property];
  return typeof value === 'string' ? value : undefined;
}
