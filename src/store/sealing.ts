/**
 * Encryption at rest. With DATA_ENCRYPTION_KEY set, the words people send and are
 * sent, names, free text, conversation state and phone numbers or chat ids are sealed
 * with AES-256-GCM before they reach the database, and opened when read. Addresses
 * are found by a keyed hash (HMAC-SHA256), so "is this number known?" needs no
 * plain number.
 *
 * It is a Kysely plugin, so the rest of valued reads and writes plain values:
 *   - inserts and updates of the columns in SEALED seal their string values;
 *   - every string in every result that carries the sealed prefix is opened, whatever
 *     the table, join or alias;
 *   - `identities.address = X` becomes `address_hash = hmac(X)` (or, for rows written
 *     before a key was set, the plain comparison), and writing an address writes its
 *     hash beside it.
 * Empty strings stay empty, so "" checks keep working.
 *
 * The sealed form is `v2.<key id>.<base64 of IV, tag, ciphertext>`: the key id (eight
 * hex digits, from the key) says which key sealed it, so keys can be rotated (the old
 * ones listed in DATA_ENCRYPTION_OLD_KEYS are still read). With a key set, every value
 * is sealed, whatever it begins with, so a plaintext that looks sealed ("v2.x", or
 * the older "v1.") is stored sealed like any other. Reading is strict where it can be:
 * a v2 value under a known key that fails to open was tampered with and throws
 * SealError, and so does one under a key not configured. The first form, `v1.` with
 * no key id, was also written unsealed for any text that began with it, so a v1 value
 * that does not open is read as the plain text it then is.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import {
  AndNode,
  BinaryOperationNode,
  ColumnNode,
  ColumnUpdateNode,
  OperationNodeTransformer,
  OperatorNode,
  OrNode,
  ParensNode,
  PrimitiveValueListNode,
  ReferenceNode,
  ValueListNode,
  ValueNode,
  ValuesNode,
  type InsertQueryNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type SelectQueryNode,
  type UnknownRow,
  type UpdateQueryNode,
  type DeleteQueryNode,
} from 'kysely';

/** The columns sealed, by table. */
export const SEALED: Readonly<Record<string, readonly string[]>> = {
  members: ['first_name'],
  identities: ['address', 'handle'],
  inbound_messages: ['body', 'input'],
  outbound_messages: ['body', 'reply', 'address', 'error'],
  needs: ['words'],
  offers: ['words'],
  conversations: ['state'],
  alerts: ['detail', 'note'],
  coordinators: ['name', 'phone'],
  console_sessions: ['data'],
};

const V1 = 'v1.';
const V2 = /^v2\.([0-9a-f]{8})\.([A-Za-z0-9+/]+={0,2})$/;
const V1_BODY = /^[A-Za-z0-9+/]+={0,2}$/;
/** IV and GCM tag: a sealed value's body is never shorter. */
const HEADER_BYTES = 28;

export interface Sealer {
  seal(text: string): string;
  /** The plain text; throws SealError for a value sealed under an unknown key or tampered with. */
  open(text: string): string;
  /** Whether a value read back may be sealed (and so must go through `open`). */
  looksSealed(text: string): boolean;
  /** The keyed hash of an address, with the current key: what is written. */
  hash(value: string): string;
  /** Its hash under every key, current first: what a lookup must try. */
  hashes(value: string): string[];
}

/** A sealed value that cannot be opened; the message never holds the value. */
export class SealError extends Error {
  override name = 'SealError';
}

/** A key as the sealer uses it: its id, and separate keys for sealing and hashing. */
function keyring(key: Buffer) {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, 32));
  return {
    id: createHmac('sha256', key).update('valued key id').digest('hex').slice(0, 8),
    seal: derive('valued seal v1'),
    hash: derive('valued address hash v1'),
  };
}

/** The key id DATA_ENCRYPTION_KEY is known by in sealed values (`v2.<id>.`). */
export function keyId(key: Buffer): string {
  return keyring(key).id;
}

function decrypt(sealKey: Buffer, raw: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', sealKey, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, HEADER_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
}

/** `key` seals and hashes; `oldKeys` (rotated out) are still read and looked up by. */
export function createSealer(key: Buffer, oldKeys: readonly Buffer[] = []): Sealer {
  const current = keyring(key);
  const all = [current, ...oldKeys.map(keyring)];
  const byId = new Map(all.map((k) => [k.id, k]));
  return {
    seal(text) {
      if (text === '') return text;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.seal, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return `v2.${current.id}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    looksSealed(text) {
      return text.startsWith(V1) || text.startsWith('v2.');
    },
    open(text) {
      const v2 = V2.exec(text);
      if (v2) {
        const k = byId.get(v2[1]!);
        if (!k) throw new SealError(`a value sealed with key ${v2[1]}, which is not configured (DATA_ENCRYPTION_KEY, DATA_ENCRYPTION_OLD_KEYS)`);
        const raw = Buffer.from(v2[2]!, 'base64');
        try {
          if (raw.length < HEADER_BYTES) throw new Error('too short');
          return decrypt(k.seal, raw);
        } catch (error) {
          throw new SealError(`a value sealed with key ${k.id} does not open: it was changed or damaged`, { cause: error });
        }
      }
      const body = text.slice(V1.length);
      if (text.startsWith(V1) && V1_BODY.test(body)) {
        const raw = Buffer.from(body, 'base64');
        for (const k of all) {
          try {
            if (raw.length >= HEADER_BYTES) return decrypt(k.seal, raw);
          } catch {
            // the next key, or not sealed at all
          }
        }
      }
      // Not sealed: from before a key was set, or a v1-era plain text that began "v1.".
      return text;
    },
    hash(value) {
      return createHmac('sha256', current.hash).update(value).digest('base64url');
    },
    hashes(value) {
      return all.map((k) => createHmac('sha256', k.hash).update(value).digest('base64url'));
    },
  };
}

function nameOf(node: OperationNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.kind === 'TableNode') return (node as unknown as { table: { identifier: { name: string } } }).table.identifier.name;
  if (node.kind === 'AliasNode') return nameOf((node as unknown as { node: OperationNode }).node);
  if (node.kind === 'ColumnNode') return (node as ColumnNode).column.name;
  if (node.kind === 'ReferenceNode') return nameOf((node as ReferenceNode).column);
  return undefined;
}

class SealingTransformer extends OperationNodeTransformer {
  /** Whether the query being transformed is about identities (for the address lookup). */
  private identities = false;

  constructor(private readonly sealer: Sealer) {
    super();
  }

  private sealValue(value: unknown): unknown {
    return typeof value === 'string' ? this.sealer.seal(value) : value;
  }

  protected override transformSelectQuery(node: SelectQueryNode, queryId?: Parameters<OperationNodeTransformer['transformNode']>[1]): SelectQueryNode {
    const before = this.identities;
    this.identities = (node.from?.froms ?? []).some((f) => nameOf(f) === 'identities');
    try {
      return super.transformSelectQuery(node, queryId);
    } finally {
      this.identities = before;
    }
  }

  protected override transformDeleteQuery(node: DeleteQueryNode, queryId?: Parameters<OperationNodeTransformer['transformNode']>[1]): DeleteQueryNode {
    const before = this.identities;
    this.identities = (node.from?.froms ?? []).some((f) => nameOf(f) === 'identities');
    try {
      return super.transformDeleteQuery(node, queryId);
    } finally {
      this.identities = before;
    }
  }

  protected override transformInsertQuery(node: InsertQueryNode, queryId?: Parameters<OperationNodeTransformer['transformNode']>[1]): InsertQueryNode {
    const base = super.transformInsertQuery(node, queryId);
    const table = nameOf(base.into);
    const sealed = table ? SEALED[table] : undefined;
    if (!sealed || !base.columns || !base.values || base.values.kind !== 'ValuesNode') return base;
    const columns = base.columns.map((c) => c.column.name);
    const hashAt = table === 'identities' ? columns.indexOf('address') : -1;
    let hashColumn = table === 'identities' ? columns.indexOf('address_hash') : -1;
    const newColumns = [...base.columns];
    if (hashAt >= 0 && hashColumn < 0) {
      newColumns.push(ColumnNode.create('address_hash'));
      hashColumn = newColumns.length - 1;
    }
    const rows = (base.values as ValuesNode).values.map((row) => {
      const values: unknown[] =
        row.kind === 'PrimitiveValueListNode' ? [...row.values] : row.values.map((v) => (v.kind === 'ValueNode' ? (v as ValueNode).value : v));
      const plainAddress = hashAt >= 0 ? values[hashAt] : undefined;
      const out = values.map((v, i) => (sealed.includes(columns[i]!) ? this.sealValue(v) : v));
      if (hashColumn >= 0 && typeof plainAddress === 'string') out[hashColumn] = this.sealer.hash(plainAddress);
      return out.some((v) => typeof v === 'object' && v !== null && 'kind' in v)
        ? ValueListNode.create(out.map((v) => (typeof v === 'object' && v !== null && 'kind' in v ? (v as OperationNode) : ValueNode.create(v))))
        : PrimitiveValueListNode.create(out);
    });
    return { ...base, columns: newColumns, values: ValuesNode.create(rows) };
  }

  protected override transformUpdateQuery(node: UpdateQueryNode, queryId?: Parameters<OperationNodeTransformer['transformNode']>[1]): UpdateQueryNode {
    const table = nameOf(node.table);
    const before = this.identities;
    this.identities = table === 'identities';
    let base: UpdateQueryNode;
    try {
      base = super.transformUpdateQuery(node, queryId);
    } finally {
      this.identities = before;
    }
    const sealed = table ? SEALED[table] : undefined;
    if (!sealed || !base.updates) return base;
    const updates: ColumnUpdateNode[] = [];
    for (const u of base.updates) {
      const column = nameOf(u.column);
      if (column && sealed.includes(column) && u.value.kind === 'ValueNode') {
        const value = (u.value as ValueNode).value;
        updates.push(ColumnUpdateNode.create(u.column, ValueNode.create(this.sealValue(value))));
        if (table === 'identities' && column === 'address' && typeof value === 'string') {
          updates.push(ColumnUpdateNode.create(ColumnNode.create('address_hash'), ValueNode.create(this.sealer.hash(value))));
        }
      } else updates.push(u);
    }
    return { ...base, updates };
  }

  protected override transformBinaryOperation(
    node: BinaryOperationNode,
    queryId?: Parameters<OperationNodeTransformer['transformNode']>[1],
  ): BinaryOperationNode {
    const base = super.transformBinaryOperation(node, queryId);
    const left = base.leftOperand;
    const operator = base.operator.kind === 'OperatorNode' ? (base.operator as OperatorNode).operator : undefined;
    const table = left.kind === 'ReferenceNode' ? nameOf((left as ReferenceNode).table) : undefined;
    const isAddress =
      (left.kind === 'ReferenceNode' || left.kind === 'ColumnNode') && nameOf(left) === 'address' && (table === 'identities' || (!table && this.identities));
    if (!isAddress || operator !== '=' || base.rightOperand.kind !== 'ValueNode') return base;
    const plain = (base.rightOperand as ValueNode).value;
    if (typeof plain !== 'string') return base;
    const ref = (column: string) => (table ? ReferenceNode.create(ColumnNode.create(column), (left as ReferenceNode).table) : ColumnNode.create(column));
    const hashes = this.sealer.hashes(plain);
    const byHash =
      hashes.length === 1
        ? BinaryOperationNode.create(ref('address_hash'), OperatorNode.create('='), ValueNode.create(hashes[0]))
        : BinaryOperationNode.create(ref('address_hash'), OperatorNode.create('in'), PrimitiveValueListNode.create(hashes));
    // Rows written before a key was set have no hash yet, and a plain address.
    const legacy = AndNode.create(BinaryOperationNode.create(ref('address_hash'), OperatorNode.create('is'), ValueNode.createImmediate(null)), base);
    // A BinaryOperationNode is what the caller expects here: wrap the OR as (… = true).
    return BinaryOperationNode.create(ParensNode.create(OrNode.create(byHash, legacy)), OperatorNode.create('='), ValueNode.createImmediate(true));
  }
}

/** The Kysely plugin; see the module comment. */
export class SealingPlugin implements KyselyPlugin {
  constructor(private readonly sealer: Sealer) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return new SealingTransformer(this.sealer).transformNode(args.node);
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const rows = args.result.rows.map((row) => {
      let opened: UnknownRow | undefined;
      for (const [key, value] of Object.entries(row)) {
        if (typeof value === 'string' && this.sealer.looksSealed(value)) {
          opened ??= { ...row };
          opened[key] = this.sealer.open(value);
        }
      }
      return opened ?? row;
    });
    return Promise.resolve({ ...args.result, rows });
  }
}
