import type { ManagedProcess } from './managedProcess';

/**
 * Waits until `isReady` holds, failing early — with the process's last output — if it exits first,
 * and after `timeoutMs` otherwise.
 */
export async function waitForStart(process: ManagedProcess, isReady: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  let exitedWith: number | string | undefined;
  void process.exited.then((code) => (exitedWith = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitedWith !== undefined) {
      throw new Error(`${process.name} exited during start-up (${exitedWith}). Its last output:\n${process.recentOutput()}`);
    }
    if (await isReady()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await process.stop();
  throw new Error(`${process.name} did not become ready within ${timeoutMs / 1000} s. Its last output:\n${process.recentOutput()}`);
}
