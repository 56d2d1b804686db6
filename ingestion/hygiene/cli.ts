import { parseArgs } from 'node:util';
import { runCli, withStore } from '../../store/cli';
import { purgeInactive, purgeLearners } from './purge';

const usage = `Usage:
  npm run purge -- --inactive-days 365 [--yes]   learners with no event for that many days (a dry run without --yes)
  npm run purge -- --learner <learnerId> --yes   one learner, e.g. after an erasure request`;

/** Deletes inactive or erased learners from the store. */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'inactive-days': { type: 'string' }, learner: { type: 'string', multiple: true }, yes: { type: 'boolean', default: false } } });
  const days = values['inactive-days'] === undefined ? undefined : Number(values['inactive-days']);
  if ((days === undefined) === !values.learner || (days !== undefined && !(days > 0))) {
    console.error(usage);
    return 2;
  }
  return withStore(async (store) => {
    if (days !== undefined) {
      const outcome = await purgeInactive(store.models, { days, dryRun: !values.yes });
      console.log(values.yes ? `Purged ${outcome.learners} learners and ${outcome.events} events inactive for ${days} days.` : `${outcome.candidates} learners have been inactive for ${days} days; add --yes to purge them.`);
      return 0;
    }
    if (!values.yes) {
      console.error('Purging a learner cannot be undone; add --yes.');
      return 2;
    }
    const outcome = await purgeLearners(store.models, values.learner ?? []);
    console.log(`Purged ${outcome.learners} learner profiles and ${outcome.events} events.`);
    return 0;
  });
}

runCli(main);
