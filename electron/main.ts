/**
 * The thin Electron shell: one window, the IPC registration, dialogs. All work is done by
 * the services (electron/services), which never import 'electron'.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, type WebContents } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { startBridge } from './bridge/http';
import os from 'node:os';
import { createRuntime } from './runtime';
import { createSwitchboard, type Switchboard } from './office/switchboard';
import { APP_ENTRY, APP_SCHEME, externalAllowed, isOurBlob, isOurPage as isOurPageAt, mimeOf, rendererFileFor } from './shell/navigation';
import { electronPrinter } from './shell/printer';
import { readOfficeConfig } from './office/config';
import { migrateBeforeStart, startupPage, startupWork } from './services/startup/migrations';
import type { FileCheck } from '../database/backup';

const DATABASE_FILE = 'gerbang-serasan.sqlite';
const HOUSEKEEPING_EVERY_MS = 6 * 60 * 60 * 1000;
// Compiled: dist-electron/electron/main.js → dist/renderer; from source (the test's stand-in): electron/main.ts.
const rendererDir =
  [path.join(__dirname, '..', '..', 'dist', 'renderer'), path.join(__dirname, '..', 'dist', 'renderer')].find((d) => fs.existsSync(d)) ??
  path.join(__dirname, '..', '..', 'dist', 'renderer');
const devServerUrl = process.env.VITE_DEV_SERVER_URL;
/** Sign-in delays count per origin: the app's one window is one origin (the HTTP bridge names each client's address). */
const IPC_ORIGIN = 'ipc:jendela';

let mainWindow: BrowserWindow | null = null;
/** Where calls go: this PC's database, or the office server in client mode (electron/office/switchboard.ts). */
let switchboard: Switchboard | null = null;

const isOurPage = (url: string) => isOurPageAt(url, devServerUrl);

// The renderer is served from app://gerbang/ (electron/shell/navigation.ts says why): a standard,
// secure scheme, registered before the app is ready.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, (request) => {
    const file = rendererFileFor(request.url, rendererDir);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return new Response('Tidak ditemukan', { status: 404 });
    return new Response(fs.readFileSync(file), { headers: { 'content-type': mimeOf(file) } });
  });
}

/**
 * Every web contents (the window, the printer's hidden windows): no navigation, redirect or frame
 * navigation away from our page, no new windows (a link goes to the system browser only when it is
 * on the allow-list), no <webview>.
 */
function lockDown(contents: WebContents): void {
  const refuse = (event: { preventDefault(): void }, url: string) => {
    if (!isOurPage(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event, url) => refuse(event, url));
  contents.on('will-redirect', (event, url) => refuse(event, url));
  contents.on('will-frame-navigate', (event) => {
    // The documents' sandboxed iframe shows HTML we wrote (srcdoc); the attachment viewer shows a PDF
    // from a blob: URL our page made of bytes main served (docs/attachments.md); nothing else is loaded in a frame.
    if (!event.isMainFrame && (event.url === 'about:srcdoc' || event.url === 'about:blank' || isOurBlob(event.url, devServerUrl))) return;
    refuse(event, event.url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (externalAllowed(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: 'Gerbang Serasan',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      // Chromium's built-in PDF viewer, for attachments shown in the app (an iframe on a blob: URL;
      // CSP frame-src blob: in renderer/index.html). Enables only that viewer: Electron has no other plugins.
      plugins: true,
      // No DevTools in an installed app (the menu item is also only in development).
      devTools: !app.isPackaged,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  void mainWindow.loadURL(devServerUrl || APP_ENTRY);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function buildMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: 'Berkas', submenu: [{ role: 'quit', label: 'Keluar' }] },
      {
        label: 'Sunting',
        submenu: [
          { role: 'undo', label: 'Batalkan' },
          { role: 'redo', label: 'Ulangi' },
          { type: 'separator' },
          { role: 'cut', label: 'Potong' },
          { role: 'copy', label: 'Salin' },
          { role: 'paste', label: 'Tempel' },
          { role: 'selectAll', label: 'Pilih semua' },
        ],
      },
      {
        label: 'Tampilan',
        submenu: [
          { role: 'reload', label: 'Muat ulang' },
          { role: 'resetZoom', label: 'Ukuran asli' },
          { role: 'zoomIn', label: 'Perbesar' },
          { role: 'zoomOut', label: 'Perkecil' },
          { type: 'separator' },
          { role: 'togglefullscreen', label: 'Layar penuh' },
          ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const, label: 'Alat pengembang' }]),
        ],
      },
    ]),
  );
}

/**
 * The first start after an update with pending migrations, or any start of a big file (its check
 * takes seconds): a small window says the database is being updated or checked while a worker
 * checks (and migrates) the file (electron/services/startup/migrations.ts says why). Answers the worker's check of the file (the runtime need not repeat it) and the
 * window, closed by the caller once the main window exists ('window-all-closed' would quit).
 * A client PC (kantor.json) has no database of its own.
 */
async function updateDatabaseFirst(databasePath: string): Promise<{ check: FileCheck | null; window: BrowserWindow | null }> {
  if (readOfficeConfig(app.getPath('userData')).mode === 'klien') return { check: null, window: null };
  const work = startupWork(databasePath);
  if (!work) return { check: null, window: null };
  const locale = app.getLocale();
  const window = new BrowserWindow({
    width: 520,
    height: 240,
    resizable: false,
    minimizable: false,
    maximizable: false,
    // Closing it would not stop the worker; the window goes when the main window comes.
    closable: false,
    title: 'Gerbang Serasan',
    webPreferences: { contextIsolation: true, nodeIntegration: false, sandbox: true, javascript: false, devTools: false },
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  void window.loadURL(startupPage(locale, null, work));
  const outcome = await migrateBeforeStart(databasePath, (progress) => {
    if (!window.isDestroyed()) void window.loadURL(startupPage(locale, progress, work));
  });
  // A failure is reported by the runtime's own start (it migrates again, on this thread).
  if (outcome.error) console.error('[pembaruan basis data]', outcome.error);
  return { check: outcome.check, window };
}

async function start(): Promise<void> {
  // An empty GERBANG_DB counts as unset.
  const databasePath = process.env.GERBANG_DB || path.join(app.getPath('userData'), DATABASE_FILE);
  const updated = await updateDatabaseFirst(databasePath);
  // The worker's check is of the file as it was at this start: used once (a runtime opened later,
  // after leaving client mode, checks the file itself).
  let startCheck = updated.check;
  const takeStartCheck = () => {
    const check = startCheck;
    startCheck = null;
    return check;
  };
  try {
    // Long jobs start at once: a worker with the services loaded waits for the next one.
    // Alone, office server or client: kantor.json in the user data folder says which (docs/office-network.md).
    // A client opens no database of its own.
    switchboard = await createSwitchboard({
      dataDir: app.getPath('userData'),
      databasePath,
      openRuntime: () => createRuntime({ databasePath, printer: electronPrinter(), warmJobWorker: true, startCheck: takeStartCheck() }),
      pcName: os.hostname(),
    });
  } catch (err) {
    dialog.showErrorBox(
      'Basis data tidak dapat dibuka',
      `${err instanceof Error ? err.message : String(err)}\n\nBerkas: ${databasePath}\nAplikasi akan ditutup; data tidak diubah.`,
    );
    app.exit(1);
    return;
  }
  const board = switchboard;
  serveRenderer();
  // The app asks for no permission (camera, notifications, clipboard reading, …): every request is denied.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  // The automatic backup of the day, rotated (database/backup.ts). A damaged, foreign or too-new
  // file is not opened for work: the renderer asks backup.health and shows the restore screen.
  // In client mode there is no local database: the server takes its own backups.
  const local = board.runtime();
  if (local?.health.status === 'ok') void local.dailyBackup().catch((err: unknown) => console.error('[cadangan otomatis]', err));
  // An app left open for days still takes its daily backup and clears what interrupted work left
  // (createRuntime already did both once at start).
  setInterval(() => {
    const rt = board.runtime();
    if (rt?.health.status !== 'ok') return;
    void rt.dailyBackup().catch((err: unknown) => console.error('[cadangan otomatis]', err));
    rt.housekeeping();
  }, HOUSEKEEPING_EVERY_MS).unref();

  ipcMain.handle('gerbang:api', async (event, channel: unknown, input: unknown, token: unknown) => {
    // Only our own page may call the backend (not an iframe or a page navigated to).
    const senderUrl = event.senderFrame?.url ?? '';
    if (!isOurPage(senderUrl)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Permintaan ditolak: bukan dari jendela aplikasi' } };
    }
    return board.call(typeof token === 'string' ? token : null, String(channel), input, IPC_ORIGIN);
  });

  if (process.argv.includes('--http-bridge')) {
    const bridge = await startBridge({ call: board.call, staticDir: rendererDir, port: 7420 });
    console.log(`Jembatan HTTP aktif di ${bridge.url}`);
  }

  buildMenu();
  createWindow();
  updated.window?.destroy();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.whenReady().then(start, (err: unknown) => {
    console.error(err);
    app.exit(1);
  });
  app.on('window-all-closed', () => {
    void (switchboard?.close() ?? Promise.resolve()).finally(() => app.quit());
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && switchboard) createWindow();
  });
}
