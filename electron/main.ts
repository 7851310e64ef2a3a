/**
 * The thin Electron shell: one window, the IPC registration, dialogs. All work is done by
 * the services (electron/services), which never import 'electron'.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, shell } from 'electron';
import path from 'node:path';
import { startBridge } from './bridge/http';
import { createRuntime, type Runtime } from './runtime';
import { electronPrinter } from './shell/printer';

const DATABASE_FILE = 'gerbang-serasan.sqlite';
const rendererDir = path.join(__dirname, '..', '..', 'dist', 'renderer');
const devServerUrl = process.env.VITE_DEV_SERVER_URL;
/** Sign-in delays count per origin: the app's one window is one origin (the HTTP bridge names each client's address). */
const IPC_ORIGIN = 'ipc:jendela';

let mainWindow: BrowserWindow | null = null;
let runtime: Runtime | null = null;

function isOurPage(url: string): boolean {
  if (devServerUrl && url.startsWith(devServerUrl)) return true;
  return url.startsWith('file://') && decodeURIComponent(new URL(url).pathname).includes('/dist/renderer/');
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
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  // No navigation away from the app and no new windows: links to the web open in the browser.
  mainWindow.webContents.on('will-navigate', (event, url) => {
    if (!isOurPage(url)) event.preventDefault();
  });
  mainWindow.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (devServerUrl) void mainWindow.loadURL(devServerUrl);
  else void mainWindow.loadFile(path.join(rendererDir, 'index.html'));
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

async function start(): Promise<void> {
  // An empty GERBANG_DB counts as unset.
  const databasePath = process.env.GERBANG_DB || path.join(app.getPath('userData'), DATABASE_FILE);
  try {
    runtime = createRuntime({ databasePath, printer: electronPrinter() });
  } catch (err) {
    dialog.showErrorBox(
      'Basis data tidak dapat dibuka',
      `${err instanceof Error ? err.message : String(err)}\n\nBerkas: ${databasePath}\nAplikasi akan ditutup; data tidak diubah.`,
    );
    app.exit(1);
    return;
  }
  const rt = runtime;
  // The automatic backup of the day, rotated (database/backup.ts). A damaged, foreign or too-new
  // file is not opened for work: the renderer asks backup.health and shows the restore screen.
  if (rt.health.status === 'ok') void rt.dailyBackup().catch((err: unknown) => console.error('[cadangan otomatis]', err));

  ipcMain.handle('gerbang:api', async (event, channel: unknown, input: unknown, token: unknown) => {
    // Only our own page may call the backend (not an iframe or a page navigated to).
    const senderUrl = event.senderFrame?.url ?? '';
    if (!isOurPage(senderUrl)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Permintaan ditolak: bukan dari jendela aplikasi' } };
    }
    return rt.callWithSession(typeof token === 'string' ? token : null, String(channel), input, IPC_ORIGIN);
  });

  if (process.argv.includes('--http-bridge')) {
    const bridge = await startBridge({ call: rt.callWithSession, staticDir: rendererDir, port: 7420 });
    console.log(`Jembatan HTTP aktif di ${bridge.url}`);
  }

  buildMenu();
  createWindow();
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
    runtime?.close();
    app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && runtime) createWindow();
  });
}
