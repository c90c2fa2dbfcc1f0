import { SnapshotStore } from '../../server/src/trackers/snapshotStore';
import { syncSource } from '../../server/src/trackers/sourceSync';
import type { TrackerAdapter, TrackerPage } from '../../server/src/trackers/trackerAdapter';
import { zendeskTrackerSchema } from '../../server/src/trackers/trackerConfig';
import { createZendeskAdapter } from '../../server/src/trackers/zendesk/zendeskAdapter';
import { KEY_FIELD, TAG_PREFIX } from '../fakes/zendesk/zendeskFakeData';

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
  const adapter = crashTestAdapter(args);
  let answered = 0;
  const crashing: TrackerAdapter = {
    name: adapter.name,
    source: adapter.source,
    origin: adapter.origin,
    check: (signal) => adapter.check(signal),
    page: async (request) => {
      const page = await adapter.page(request);
      const index = ++answered;
      const crashingPage: TrackerPage = {
        ...page,
        records: () => {
          if (index === args.crashAt) process.kill(process.pid, 'SIGKILL');
          return page.records();
        },
      };
      return crashingPage;
    },
  };
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
