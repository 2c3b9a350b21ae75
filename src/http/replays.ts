/**
 * Interaction ids already answered, remembered for as long as their signed timestamp keeps them
 * inside the replay window: a request Discord signed is refused as a replay once that window has
 * passed (verify.ts), and within it only its first delivery is answered. Memory is bounded: past
 * `capacity` ids, the oldest are forgotten first.
 */
export class AnsweredIds {
  /** Id → when it leaves the window (ms since the epoch), in the order first seen. */
  private readonly until = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly capacity: number,
  ) {}

  /** Notes `id`, signed at `signedAtMs`; false when it was already noted and still in the window. */
  firstTime(id: string, signedAtMs: number, nowMs: number): boolean {
    this.forgetExpired(nowMs);
    const known = this.until.get(id);
    if (known !== undefined && known >= nowMs) return false;
    this.until.delete(id);
    this.until.set(id, signedAtMs + this.windowMs);
    for (const oldest of this.until.keys()) {
      if (this.until.size <= this.capacity) break;
      this.until.delete(oldest);
    }
    return true;
  }

  get size(): number {
    return this.until.size;
  }

  /** Ids arrive roughly in time order: forgetting stops at the first one still in the window. */
  private forgetExpired(nowMs: number): void {
    for (const [id, until] of this.until) {
      if (until >= nowMs) return;
      this.until.delete(id);
    }
  }
}
