import { onBeforeUnmount, onMounted } from 'vue';

/** Alt+<key> shortcut for a page's main action (e.g. Alt+N: tambah). */
export function useAltShortcut(key: string, action: () => void): void {
  const handler = (event: KeyboardEvent) => {
    if (event.altKey && !event.ctrlKey && event.key.toLowerCase() === key) {
      event.preventDefault();
      action();
    }
  };
  onMounted(() => window.addEventListener('keydown', handler));
  onBeforeUnmount(() => window.removeEventListener('keydown', handler));
}
