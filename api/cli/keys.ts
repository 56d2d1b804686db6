import { parseArgs } from 'node:util';
import { apiKeyKindSchema } from '../../domain/apiKeys';
import { runCli, withStore } from '../../store/cli';
import { ApiKeys } from '../keys/apiKeys';

const usage = `Usage:
  npm run keys -- create --kind admin|operator|write --name "Who uses it"
  npm run keys -- list
  npm run keys -- revoke <id>
Uses MONGODB_URI (default: the local FerretDB that npm start runs).`;

/** API key administration from a shell, e.g. to create an admin key when none is known. */
async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { kind: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean' } },
  });
  const [command, id] = positionals;
  if (values.help || !command) {
    console.log(usage);
    return command ? 0 : 2;
  }
  return withStore(async (store) => {
    const keys = new ApiKeys(store.models);
    switch (command) {
      case 'create': {
        const kind = apiKeyKindSchema.safeParse(values.kind);
        if (!kind.success || !values.name) {
          console.error(`--kind must be admin, operator or write, and --name is required.\n${usage}`);
          return 2;
        }
        const created = await keys.create({ kind: kind.data, name: values.name });
        console.log(`Created ${created.kind} key ${created.id} (${created.name}). Secret, shown only now:\n${created.secret}`);
        return 0;
      }
      case 'list':
        for (const key of await keys.list()) {
          console.log(`${key.id}\t${key.kind}\t${key.prefix}…\t${key.revokedAt ? `revoked ${key.revokedAt}` : 'active'}\t${key.name}`);
        }
        return 0;
      case 'revoke': {
        const key = id ? await keys.revoke(id) : undefined;
        if (!key) {
          console.error(`No key with id ${id ?? '(missing)'}.`);
          return 1;
        }
        console.log(`Revoked ${key.id} (${key.name}).`);
        return 0;
      }
      default:
        console.error(usage);
        return 2;
    }
  });
}

runCli(main);
