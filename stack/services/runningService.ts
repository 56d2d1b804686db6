export interface RunningService {
  name: string;
  stop(): Promise<void>;
  /** Set for services run as child processes: resolves if the process ends on its own. */
  exited?: Promise<number | string>;
}
