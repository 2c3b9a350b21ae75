/**
 * Posting lists (for each term, the records that hold it and with what weight) kept in three
 * flat typed arrays instead of an array pair per term: a hundred thousand meetings make tens of
 * millions of entries, and one small array each would cost the garbage collector seconds and the
 * process hundreds of megabytes. A weight is stored as a one-byte code into the handful of field
 * weights an index uses, so a score is computed from exactly the weight it was given.
 */
export class Postings {
  constructor(
    private readonly ids: ReadonlyMap<string, number>,
    /** Term `id`'s entries are `offsets[id]` to `offsets[id + 1]`. */
    readonly offsets: Int32Array,
    readonly docs: Int32Array,
    readonly codes: Uint8Array,
    readonly weights: Float64Array,
    /** The highest weight in each term's list: the most the term can add to a record's score. */
    readonly maxWeight: Float64Array,
  ) {}

  /** The term's id, or -1 when no record holds it. */
  id(term: string): number {
    return this.ids.get(term) ?? -1;
  }

  /** The terms, in the order of their ids. */
  terms(): IterableIterator<string> {
    return this.ids.keys();
  }

  /** Postings saved as arrays: `terms` in the order of their ids. */
  static restore(
    terms: readonly string[],
    arrays: Pick<Postings, 'offsets' | 'docs' | 'codes' | 'weights' | 'maxWeight'>,
  ): Postings {
    const ids = new Map(terms.map((term, id) => [term, id]));
    return new Postings(ids, arrays.offsets, arrays.docs, arrays.codes, arrays.weights, arrays.maxWeight);
  }
}

/** A typed array that doubles when full. */
class Growable<A extends Int32Array | Uint8Array> {
  length = 0;

  constructor(
    public data: A,
    private readonly make: (size: number) => A,
  ) {}

  push(value: number): number {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length] = value;
    return this.length++;
  }
}

const ints = (size: number) => new Int32Array(size);
const bytes = (size: number) => new Uint8Array(size);
/** Growable arrays, for builders that learn their sizes as they go. */
export const growableInts = () => new Growable(ints(1024), ints);
const growableBytes = () => new Growable(bytes(1024), bytes);

/**
 * Entries (a record or passage each) collected term by term, in the order they came: each term's
 * entries are chained, so that laid out term by term every list stays sorted by record. What an
 * entry carries besides its record is kept by the caller, by the entry's position.
 */
export class TermChains {
  readonly ids = new Map<string, number>();
  private readonly head = growableInts();
  private readonly tail = growableInts();
  private readonly count = growableInts();
  private readonly entryDoc = growableInts();
  private readonly entryNext = growableInts();

  /** How many entries there are. */
  get size(): number {
    return this.entryDoc.length;
  }

  /** The term's id, given on first sight. */
  idOf(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.head.push(-1);
      this.tail.push(-1);
      this.count.push(0);
      this.ids.set(term, id);
    }
    return id;
  }

  /** The term's last entry, or -1. */
  last(id: number): number {
    return this.tail.data[id] as number;
  }

  lastDoc(id: number): number {
    const tail = this.last(id);
    return tail === -1 ? -1 : (this.entryDoc.data[tail] as number);
  }

  /** Chains an entry for `doc` to the term's; returns the entry's position. */
  append(id: number, doc: number): number {
    const entry = this.entryDoc.push(doc);
    this.entryNext.push(-1);
    const tail = this.last(id);
    if (tail === -1) this.head.data[id] = entry;
    else this.entryNext.data[tail] = entry;
    this.tail.data[id] = entry;
    this.count.data[id] = (this.count.data[id] as number) + 1;
    return entry;
  }

  /**
   * Lays the entries out term by term: `offsets` (term `id`'s entries are `offsets[id]` to
   * `offsets[id + 1]`) and each entry's record, `put` told where each entry went.
   */
  layOut(put: (entry: number, at: number, id: number) => void): { offsets: Int32Array; docs: Int32Array } {
    const terms = this.head.length;
    const offsets = new Int32Array(terms + 1);
    for (let id = 0; id < terms; id++)
      offsets[id + 1] = (offsets[id] as number) + (this.count.data[id] as number);
    const docs = new Int32Array(offsets[terms] as number);
    for (let id = 0; id < terms; id++) {
      let at = offsets[id] as number;
      for (let e = this.head.data[id] as number; e !== -1; e = this.entryNext.data[e] as number) {
        docs[at] = this.entryDoc.data[e] as number;
        put(e, at, id);
        at++;
      }
    }
    return { offsets, docs };
  }
}

/** Collects postings record by record (records in increasing order), then lays them out term by term. */
export class PostingsBuilder {
  private readonly chains = new TermChains();
  private readonly entryCode = growableBytes();
  private readonly weightCodes = new Map<number, number>();
  private readonly weights: number[] = [];

  /** Records that `doc` holds `term` in a field of this weight; the best weight per record counts. */
  add(doc: number, term: string, weight: number): void {
    const id = this.chains.idOf(term);
    const code = this.codeOf(weight);
    if (this.chains.lastDoc(id) === doc) {
      const tail = this.chains.last(id);
      if ((this.weights[this.entryCode.data[tail] as number] as number) < weight)
        this.entryCode.data[tail] = code;
      return;
    }
    this.chains.append(id, doc);
    this.entryCode.push(code);
  }

  private codeOf(weight: number): number {
    let code = this.weightCodes.get(weight);
    if (code === undefined) {
      code = this.weights.push(weight) - 1;
      if (code > 255) throw new Error('an index holds at most 256 distinct field weights');
      this.weightCodes.set(weight, code);
    }
    return code;
  }

  build(): Postings {
    const maxWeight = new Float64Array(this.chains.ids.size);
    const codes = new Uint8Array(this.chains.size);
    const { offsets, docs } = this.chains.layOut((entry, at, id) => {
      const code = this.entryCode.data[entry] as number;
      codes[at] = code;
      maxWeight[id] = Math.max(maxWeight[id] as number, this.weights[code] as number);
    });
    return new Postings(this.chains.ids, offsets, docs, codes, Float64Array.from(this.weights), maxWeight);
  }
}
