import { SnapshotStore } from '../../server/src/trackers/snapshotStore';
import { syncSource } from '../../server/src/trackers/sourceSync';
import type { TrackerAdapter } from '../../server/src/trackers/trackerAdapter';
import { zendeskTrackerSchema } from '../../server/src/trackers/trackerConfig';
import { createZendeskAdapter } from '../../server/src/trackers/zendesk/zendeskAdapter';
import { KEY_FIELD, TAG_PREFIX } from '../fakes/zendesk/zendeskFakeData';
import { beforeMapping } from './wrapPages';

/**
 * A process that syncs a Zendesk fake and kills itself (SIGKILL: no cleanup, no flush) the moment
 * the engine starts mapping page `crashAt`: a crash between sending the next request and
 * journaling the current page. Run with `fork(this file, [JSON of CrashingSyncArgs])`.
 */
export interface CrashingSyncArgs {
  readonly origin: string;
  readonly token: string;
  readonly email: string;
  readonly folder: string;
  readonly pageSize: number;
  /** 1-based: the page whose mapping the process dies at. */
  readonly crashAt: number;
}

/** The same adapter as the test that resumes the run uses. */
export function crashTestAdapter(args: Omit<CrashingSyncArgs, 'folder' | 'crashAt'>): TrackerAdapter {
  const config = zendeskTrackerSchema.parse({ name: 'zendesk', type: 'zendesk', url: args.origin, email: args.email, tagPrefix: TAG_PREFIX, keyField: KEY_FIELD });
  return createZendeskAdapter(config, { origin: args.origin, token: () => args.token }, { pageSize: args.pageSize });
}

async function main(args: CrashingSyncArgs): Promise<void> {
  const crashing = beforeMapping(crashTestAdapter(args), ({ page }) => {
    if (page === args.crashAt) process.kill(process.pid, 'SIGKILL');
  });
  await syncSource(crashing, new SnapshotStore(args.folder), { signal: new AbortController().signal });
}

if (require.main === module) {
  main(JSON.parse(process.argv[2] ?? '{}') as CrashingSyncArgs).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
