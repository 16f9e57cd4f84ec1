import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../lib/config/config-schema';
import { isEnvOnlyKey } from '../../../lib/config/env-only-keys';
import { knownKeysAt } from '../../../lib/config/explain-issues';

/** Every key the schema accepts, as [section, key path below it]; list entries as `[]`. */
function schemaKeys(path: PropertyKey[] = []): PropertyKey[][] {
  return knownKeysAt(configSchema, path).flatMap((key) => {
    const child = [...path, key];
    if (isEnvOnlyKey(child)) return [];
    // Signal names are listed in prose, checked by the signals' own tests.
    if (child.join('.') === 'prometheus.signals') return [child];
    return [child, ...schemaKeys(child), ...schemaKeys([...child, 0])];
  });
}

describe('docs/configuration.md', () => {
  it('documents every key in its section', () => {
    const doc = fs.readFileSync('docs/configuration.md', 'utf8');
    const sectionText = (name: string) => doc.split(/^### /m).find((part) => part.startsWith(`\`${name}\``)) ?? '';
    const undocumented = schemaKeys()
      .filter((path) => path.length > 1)
      .map((path) => ({ section: String(path[0]), key: path.slice(1).map((s) => (typeof s === 'number' ? '[]' : `.${String(s)}`)).join('').replace(/^\./, '').replaceAll('.[]', '[]') }))
      .filter(({ section, key }) => {
        const text = sectionText(section);
        const leaf = key.split(/[.\]]/).at(-1)!;
        // A key is documented by its own row, by its children's rows ("backoff.initial"), or inside its parent's row ("{ username, password }").
        return !text.includes(`\`${key}\``) && !text.includes(`\`${key}.`) && !new RegExp(`[\`{ ,]${leaf}[\`} ,]`).test(text);
      })
      .map(({ section, key }) => `${section}.${key}`);
    expect(undocumented).toEqual([]);
  });

  it('documents every section', () => {
    const doc = fs.readFileSync('docs/configuration.md', 'utf8');
    expect(knownKeysAt(configSchema, []).filter((section) => !doc.includes(`### \`${section}\``))).toEqual([]);
  });
});
