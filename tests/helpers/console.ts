import { expect, vi } from 'vitest';

/**
 * Runs `fn` while the log of unexpected errors is captured: a crash a test plants is still checked
 * to be logged as the app logs it (dispatch: `[channel]` and the error), but is not printed over
 * the run's output, where a green run's stack traces hid the ones that mattered.
 */
export async function withPlantedCrash<T>(channel: string, message: string, fn: () => Promise<T>): Promise<T> {
  const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const out = await fn();
    expect(log).toHaveBeenCalledWith(`[${channel}]`, expect.objectContaining({ message }));
    return out;
  } finally {
    log.mockRestore();
  }
}
