/**
 * What must finish before this instance takes traffic (/readyz): data migrations and cache warm-up are
 * tracked here by name. A tracked task that fails stops blocking (the error is the task's own to log;
 * a failed migration is retried at the next start), so one bad step never keeps an instance out forever.
 */
export class Readiness {
  private readonly waiting = new Set<string>();
  private readonly failed = new Set<string>();

  track<T>(name: string, task: Promise<T>): Promise<T> {
    this.waiting.add(name);
    return task.then(
      (v) => { this.waiting.delete(name); return v; },
      (err) => { this.waiting.delete(name); this.failed.add(name); throw err; },
    );
  }

  /** Names still running, in the order they were tracked. */
  pending(): string[] {
    return [...this.waiting];
  }

  failures(): string[] {
    return [...this.failed];
  }
}
