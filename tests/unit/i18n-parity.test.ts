import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Every message exists in both languages: the shared files (renderer/src/i18n/id.json, en.json)
 * and each feature's i18n.json ({ id, en }). A key in one language only is a screen that shows
 * its key (or the other language) to someone; the component and browser tests also fail on a
 * missing key at run time, this catches the ones no test renders.
 */
const ROOT = path.resolve(__dirname, '../..');
const I18N = path.join(ROOT, 'renderer/src/i18n');
const FEATURES = path.join(ROOT, 'renderer/src/features');

type Tree = { [key: string]: Tree | string };
const read = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

/** Every leaf's dotted key, with a marker for a leaf that is not a string. */
function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}${typeof v === 'string' ? '' : ' (not text)'}`],
  );
}

const featureFiles = fs
  .readdirSync(FEATURES)
  .map((f) => path.join(FEATURES, f, 'i18n.json'))
  .filter((f) => fs.existsSync(f));

describe('translations: every key in Indonesian and in English', () => {
  it('the shared messages', () => {
    const id = keys(read(path.join(I18N, 'id.json')) as Tree);
    const en = keys(read(path.join(I18N, 'en.json')) as Tree);
    expect(
      id.filter((k) => !en.includes(k)),
      'in id.json, missing in en.json',
    ).toEqual([]);
    expect(
      en.filter((k) => !id.includes(k)),
      'in en.json, missing in id.json',
    ).toEqual([]);
  });

  it.each(featureFiles.map((f) => [path.relative(ROOT, f), f]))('%s', (_name, file) => {
    const messages = read(file) as { id: Tree; en: Tree };
    expect(Object.keys(messages).sort()).toEqual(['en', 'id']);
    const id = keys(messages.id);
    const en = keys(messages.en);
    expect(
      id.filter((k) => !en.includes(k)),
      'in id, missing in en',
    ).toEqual([]);
    expect(
      en.filter((k) => !id.includes(k)),
      'in en, missing in id',
    ).toEqual([]);
  });

  it('no two files bring the same top-level section (they are merged shallowly: the later would replace the earlier)', () => {
    const owners = new Map<string, string[]>();
    const add = (section: string, file: string) => owners.set(section, [...(owners.get(section) ?? []), path.relative(ROOT, file)]);
    for (const s of Object.keys(read(path.join(I18N, 'id.json')) as Tree)) add(s, path.join(I18N, 'id.json'));
    for (const f of featureFiles) for (const s of Object.keys((read(f) as { id: Tree }).id)) add(s, f);
    expect([...owners].filter(([, files]) => files.length > 1)).toEqual([]);
  });
});
