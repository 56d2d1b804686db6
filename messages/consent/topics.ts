import { defaultTopics, type TopicInput, type TopicView } from '../../domain/messages/consent';
import type { StoreModels } from '../../store/connection';
import { isDuplicateKeyError } from '../../store/errors';
import type { TopicDocument } from '../../store/models/topic';

export interface Topic {
  id: string;
  name: string;
  description?: string;
  doubleOptIn: boolean;
}

const builtIn = new Map(defaultTopics.map((topic) => [topic.id, topic]));

const view = (doc: TopicDocument): TopicView => ({
  id: doc._id,
  name: doc.name,
  ...(doc.description ? { description: doc.description } : {}),
  doubleOptIn: doc.doubleOptIn === true,
  createdAt: doc.createdAt.toISOString(),
});

/**
 * Subscription topics. The default topics are seeded lazily — inserted (by `_id`, so concurrent
 * processes cannot duplicate them) the first time topics are listed or created — and a single-topic
 * read falls back to them, so the send path never writes and works on a store nobody has set up.
 */
export class Topics {
  private seeded?: Promise<void>;

  constructor(private readonly models: Pick<StoreModels, 'topics'>) {}

  async get(id: string): Promise<Topic | undefined> {
    const doc = await this.models.topics.findById(id).lean<TopicDocument>();
    if (doc) return { id: doc._id, name: doc.name, description: doc.description ?? undefined, doubleOptIn: doc.doubleOptIn === true };
    const fallback = builtIn.get(id);
    return fallback && { ...fallback };
  }

  async list(): Promise<TopicView[]> {
    await this.ensureDefaults();
    const docs = await this.models.topics.find().lean<TopicDocument[]>();
    return docs.map(view).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /** Creates a topic; undefined when one with that id exists (the caller answers 409). */
  async create(input: TopicInput): Promise<TopicView | undefined> {
    await this.ensureDefaults();
    try {
      const doc = await this.models.topics.create({ _id: input.id, name: input.name, description: input.description, doubleOptIn: input.doubleOptIn, createdAt: new Date() });
      return view(doc.toObject() as TopicDocument);
    } catch (error) {
      if (isDuplicateKeyError(error)) return undefined;
      throw error;
    }
  }

  private ensureDefaults(): Promise<void> {
    this.seeded ??= this.insertDefaults().catch((error: unknown) => {
      // A store outage must not leave the defaults unseeded for the life of the process.
      this.seeded = undefined;
      throw error;
    });
    return this.seeded;
  }

  private async insertDefaults(): Promise<void> {
    for (const topic of defaultTopics) {
      try {
        await this.models.topics.create({ _id: topic.id, name: topic.name, description: topic.description, doubleOptIn: topic.doubleOptIn, createdAt: new Date() });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
  }
}
