/**
 * The services from a terminal: `npm run cli -- <command> [--db FILE] [--json]`.
 * Same contract, same validation, no Electron.
 */
import path from 'node:path';
import os from 'node:os';
import { startBridge } from './bridge/http';
import { createRuntime } from './runtime';
import { dispatch } from './services/dispatch';
import type { Result } from './contract';

const HELP = `Gerbang Serasan — antarmuka baris perintah

Pemakaian: npm run cli -- <perintah> [opsi]

Perintah:
  info                         ringkasan basis data
  seed-demo                    muat data contoh (basis data harus kosong)
  call <channel> [json]        panggil satu perintah kontrak, mis. call debtors.list '{"search":"Siti"}'
  serve [--port N]             layani aplikasi di http://127.0.0.1:N (jembatan HTTP + renderer hasil build)

Opsi:
  --db FILE    berkas basis data (bawaan: ./gerbang-serasan.sqlite atau $GERBANG_DB)
  --json       keluaran JSON
`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(HELP);
    return 0;
  }
  const databasePath = path.resolve(option(rest, '--db') ?? process.env.GERBANG_DB ?? 'gerbang-serasan.sqlite');
  const json = rest.includes('--json');
  const rt = createRuntime({ databasePath, user: `cli:${os.userInfo().username}` });
  const print = (result: Result<unknown>): number => {
    if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else if (result.ok) console.log(result.value);
    else console.error(`Gagal: ${result.error.message}`);
    return result.ok ? 0 : 1;
  };
  try {
    switch (command) {
      case 'info':
        return print(await dispatch(rt.handlers, 'app.info', {}));
      case 'seed-demo':
        return print(await dispatch(rt.handlers, 'app.loadDemo', {}));
      case 'call': {
        const [channel, input] = rest.filter((a) => !a.startsWith('--') && a !== option(rest, '--db'));
        return print(await dispatch(rt.handlers, channel ?? '', input ? JSON.parse(input) : undefined));
      }
      case 'serve': {
        const port = Number(option(rest, '--port') ?? 7420);
        const bridge = await startBridge({ handlers: rt.handlers, staticDir: path.resolve(__dirname, '..', 'dist', 'renderer'), port });
        console.log(`Gerbang Serasan dilayani di ${bridge.url} (basis data: ${databasePath}). Ctrl+C untuk berhenti.`);
        await new Promise(() => undefined);
        return 0;
      }
      default:
        console.error(`Perintah tidak dikenal: ${command}\n`);
        process.stdout.write(HELP);
        return 2;
    }
  } finally {
    if (command !== 'serve') rt.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
