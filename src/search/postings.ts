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

/** A growable array of 32-bit integers, for builders that do not know their size ahead. */
export const growableInts = () => new Growable(ints(1024), ints);

/**
 * Collects postings record by record (records in increasing order), then lays them out term by
 * term. Each term's entries are chained in the order they came, so every list stays sorted by
 * record.
 */
export class PostingsBuilder {
  private readonly ids = new Map<string, number>();
  private readonly head = growableInts();
  private readonly tail = growableInts();
  private readonly count = growableInts();
  private readonly lastDoc = growableInts();
  private readonly entryDoc = new Growable(ints(4096), ints);
  private readonly entryCode = new Growable(bytes(4096), bytes);
  private readonly entryNext = new Growable(ints(4096), ints);
  private readonly weightCodes = new Map<number, number>();
  private readonly weights: number[] = [];

  /** Records that `doc` holds `term` in a field of this weight; the best weight per record counts. */
  add(doc: number, term: string, weight: number): void {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.head.push(-1);
      this.tail.push(-1);
      this.count.push(0);
      this.lastDoc.push(-1);
      this.ids.set(term, id);
    }
    const code = this.codeOf(weight);
    const tail = this.tail.data[id] as number;
    if (this.lastDoc.data[id] === doc) {
      if ((this.weights[this.entryCode.data[tail] as number] as number) < weight)
        this.entryCode.data[tail] = code;
      return;
    }
    const entry = this.entryDoc.push(doc);
    this.entryCode.push(code);
    this.entryNext.push(-1);
    if (tail === -1) this.head.data[id] = entry;
    else this.entryNext.data[tail] = entry;
    this.tail.data[id] = entry;
    this.count.data[id] = (this.count.data[id] as number) + 1;
    this.lastDoc.data[id] = doc;
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
    const terms = this.head.length;
    const offsets = new Int32Array(terms + 1);
    for (let id = 0; id < terms; id++)
      offsets[id + 1] = (offsets[id] as number) + (this.count.data[id] as number);
    const total = offsets[terms] as number;
    const docs = new Int32Array(total);
    const codes = new Uint8Array(total);
    const maxWeight = new Float64Array(terms);
    for (let id = 0; id < terms; id++) {
      let at = offsets[id] as number;
      for (
        let entry = this.head.data[id] as number;
        entry !== -1;
        entry = this.entryNext.data[entry] as number
      ) {
        docs[at] = this.entryDoc.data[entry] as number;
        codes[at] = this.entryCode.data[entry] as number;
        maxWeight[id] = Math.max(maxWeight[id] as number, this.weights[codes[at] as number] as number);
        at++;
      }
    }
    return new Postings(this.ids, offsets, docs, codes, Float64Array.from(this.weights), maxWeight);
  }
}
