import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyKind, ApiKeyView } from '../../domain/apiKeys';
import type { ApiKeyDocument } from '../../store/models/apiKey';
import type { StoreModels } from '../../store/connection';
import { isDuplicateKeyError } from '../../store/errors';

/** `_id` of the admin key created at first start; a unique id makes that creation happen once. */
const FIRST_ADMIN_KEY_ID = 'key_first_admin';

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * Secrets carry 256 random bits, so an unsalted SHA-256 is enough to make a leaked table useless
 * (no dictionary to try) while keeping verification one indexed lookup.
 */
function newSecret(kind: ApiKeyKind): string {
  return `cj_${kind}_${randomBytes(32).toString('base64url')}`;
}

export function toView(doc: ApiKeyDocument): ApiKeyView {
  return {
    id: doc._id,
    name: doc.name,
    kind: doc.kind as ApiKeyKind,
    prefix: doc.prefix,
    createdAt: doc.createdAt.toISOString(),
    revokedAt: doc.revokedAt ? doc.revokedAt.toISOString() : null,
  };
}

export class ApiKeys {
  constructor(private readonly models: Pick<StoreModels, 'apiKeys'>) {}

  async create(input: { name: string; kind: ApiKeyKind }, id = `key_${randomBytes(9).toString('base64url')}`) {
    const secret = newSecret(input.kind);
    const doc = await this.models.apiKeys.create({
      _id: id,
      name: input.name,
      kind: input.kind,
      prefix: secret.slice(0, input.kind.length + 8),
      secretHash: hashSecret(secret),
      createdAt: new Date(),
      revokedAt: null,
    });
    return { ...toView(doc.toObject() as ApiKeyDocument), secret };
  }

  /** The key a secret belongs to, if it exists and is not revoked. */
  async verify(secret: string): Promise<ApiKeyView | undefined> {
    const doc = await this.models.apiKeys.findOne({ secretHash: hashSecret(secret), revokedAt: null }).lean<ApiKeyDocument>();
    return doc ? toView(doc) : undefined;
  }

  async list(): Promise<ApiKeyView[]> {
    const docs = await this.models.apiKeys.find().sort({ createdAt: 1 }).lean<ApiKeyDocument[]>();
    return docs.map(toView);
  }

  async revoke(id: string): Promise<ApiKeyView | undefined> {
    const doc = await this.models.apiKeys
      .findOneAndUpdate({ _id: id, revokedAt: null }, { $set: { revokedAt: new Date() } }, { new: true })
      .lean<ApiKeyDocument>();
    if (doc) return toView(doc);
    const existing = await this.models.apiKeys.findById(id).lean<ApiKeyDocument>();
    return existing ? toView(existing) : undefined;
  }

  /**
   * Creates the first admin key when the workspace has none, returning its secret exactly once.
   * Safe when several API processes start together: the fixed id lets only one insert win.
   */
  async ensureFirstAdminKey(): Promise<string | undefined> {
    if (await this.models.apiKeys.exists({ kind: 'admin' })) return undefined;
    try {
      const created = await this.create({ name: 'First admin key', kind: 'admin' }, FIRST_ADMIN_KEY_ID);
      return created.secret;
    } catch (error) {
      if (isDuplicateKeyError(error)) return undefined;
      throw error;
    }
  }
}
