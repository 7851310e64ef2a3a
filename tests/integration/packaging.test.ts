import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The installer cannot be built here (electron-builder downloads Electron), but its configuration
// can be checked against electron-builder's own schema, and the hardening it must carry is there.
const ROOT = path.resolve(__dirname, '..', '..');

async function loadConfig(): Promise<Record<string, unknown>> {
  // electron-builder's own YAML reader (a dependency of it; no types of its own).
  const name = 'js-yaml';
  const yaml = (await import(name)) as { load(s: string): unknown };
  return yaml.load(fs.readFileSync(path.join(ROOT, 'build', 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
}

describe('the packaging configuration', () => {
  it('is valid for electron-builder, and a wrong key is caught by the same check', async () => {
    const { validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js')) as unknown as {
      validateConfiguration(c: unknown, log: unknown): Promise<void>;
    };
    const { DebugLogger } = (await import('builder-util')) as unknown as { DebugLogger: new (enabled: boolean) => unknown };
    const config = await loadConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const broken = { ...config, electronFuses: { ...(config.electronFuses as object), runAsNodeTypo: false } };
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('flips the fuses that let someone run their own code with the app’s rights', async () => {
    const config = await loadConfig();
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect((config.win as { signtoolOptions?: { signingHashAlgorithms?: string[] } }).signtoolOptions?.signingHashAlgorithms).toEqual(['sha256']);
  });
});
