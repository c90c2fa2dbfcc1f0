/**
 * The manifest and the client agree: every command the client registers is contributed (and
 * the other way round), menus and welcome content name real commands, and walkthrough media
 * exist. A typo here would only show up as a silently missing button.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CommandIds, ViewIds } from '../../client/src/commandIds';

const ROOT = path.resolve(__dirname, '../../..');

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; category?: string; icon?: string }[];
    menus: Record<string, { command: string; when?: string; group?: string }[]>;
    viewsContainers: { activitybar: { id: string; icon: string }[] };
    views: Record<string, { id: string; name: string }[]>;
    viewsWelcome: { view: string; contents: string; when?: string }[];
    walkthroughs: { steps: { id: string; media: { svg?: string; image?: string }; completionEvents?: string[] }[] }[];
    configuration: { properties: Record<string, { scope?: string; markdownDescription?: string; default?: unknown; minimum?: number; enum?: string[]; enumDescriptions?: string[] }> };
  };
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const { contributes } = manifest;
const contributed = new Set(contributes.commands.map((command) => command.command));

describe('package.json contributions', () => {
  it('contribute exactly the commands the client registers, each in the Customer Lens category with an icon', () => {
    assert.deepEqual([...contributed].sort(), Object.values(CommandIds).sort());
    for (const command of contributes.commands) {
      assert.equal(command.category, 'Customer Lens', command.command);
      assert.match(command.icon ?? '', /^\$\([a-z-]+\)$/, command.command);
      assert.match(command.command, /^customerLens\./);
    }
  });

  it('name only contributed commands in menus and welcome content', () => {
    for (const [menu, entries] of Object.entries(contributes.menus)) {
      for (const entry of entries) assert.ok(contributed.has(entry.command), `${menu}: ${entry.command}`);
    }
    for (const welcome of contributes.viewsWelcome) {
      for (const match of welcome.contents.matchAll(/\(command:([\w.]+)\)/g)) {
        const id = match[1] ?? '';
        assert.ok(contributed.has(id) || id.startsWith('vscode.') || id.endsWith('.focus'), id);
      }
    }
  });

  it('hide commands that need a tree node from the palette', () => {
    const hidden = new Set(contributes.menus['commandPalette']?.filter((entry) => entry.when === 'false').map((entry) => entry.command));
    for (const id of [CommandIds.openItem, CommandIds.openInPanel, CommandIds.openInTracker, CommandIds.copyKey, CommandIds.frictionFilter, CommandIds.frictionGroupByFile]) {
      assert.ok(hidden.has(id), id);
    }
    for (const id of [CommandIds.showCustomerContext, CommandIds.searchFrictionItems]) assert.ok(!hidden.has(id), id);
  });

  it('puts both views in the Customer Lens activity bar container, with welcome content for each', () => {
    assert.deepEqual(contributes.viewsContainers.activitybar.map((container) => container.id), ['customerLens']);
    assert.ok(existsSync(path.join(ROOT, contributes.viewsContainers.activitybar[0]?.icon ?? '')));
    assert.deepEqual(contributes.views['customerLens']?.map((view) => view.id), [ViewIds.friction, ViewIds.thisFile]);
    for (const id of Object.values(ViewIds)) {
      const welcome = contributes.viewsWelcome.filter((entry) => entry.view === id);
      assert.ok(welcome.some((entry) => entry.contents.includes('command:customerLens.createConfig') && entry.when?.includes('!customerLens.hasConfig')), id);
    }
    assert.ok(contributes.viewsWelcome.some((entry) => entry.view === ViewIds.thisFile && entry.contents.includes('// friction: ') && entry.contents.includes('command:customerLens.searchFrictionItems')));
  });

  it('toggle grouping with two buttons on one context key', () => {
    const title = contributes.menus['view/title'] ?? [];
    assert.match(title.find((entry) => entry.command === CommandIds.frictionGroupByFile)?.when ?? '', /customerLens\.friction\.groupBy != file/);
    assert.match(title.find((entry) => entry.command === CommandIds.frictionGroupByJourney)?.when ?? '', /customerLens\.friction\.groupBy == file/);
  });

  it('have a 3–4 step walkthrough whose images exist and are real drawings', () => {
    const [walkthrough] = contributes.walkthroughs;
    assert.ok(walkthrough);
    assert.ok(walkthrough.steps.length >= 3 && walkthrough.steps.length <= 4);
    for (const step of walkthrough.steps) {
      const media = step.media.svg ?? step.media.image ?? '';
      assert.match(media, /^media\/walkthrough\//, step.id);
      const svg = readFileSync(path.join(ROOT, media), 'utf8');
      assert.ok((svg.match(/<(rect|text|circle|path|line)\b/g) ?? []).length > 10, `${media} draws something`);
      assert.ok((step.completionEvents ?? []).length > 0, step.id);
    }
  });

  it('declare settings with scopes and Markdown descriptions', () => {
    const properties = contributes.configuration.properties;
    for (const [key, property] of Object.entries(properties)) {
      assert.ok(property.scope, `${key} has a scope`);
      assert.ok(property.markdownDescription, `${key} has a markdownDescription`);
    }
    assert.equal(properties['customerLens.redactPii']?.default, true);
    assert.equal(properties['customerLens.redactPii']?.scope, 'resource');
    assert.deepEqual(properties['customerLens.ranking']?.enum, ['severity', 'customers']);
    assert.equal(properties['customerLens.ranking']?.enumDescriptions?.length, 2);
    assert.equal(properties['customerLens.panel.followCursor']?.scope, 'window');
  });

  it('offer tracker commands in the palette, and Sync Now in the Friction view only with trackers', () => {
    const palette = contributes.menus['commandPalette'] ?? [];
    for (const id of [CommandIds.connectTracker, CommandIds.disconnectTracker, CommandIds.syncNow]) {
      assert.notEqual(palette.find((entry) => entry.command === id)?.when, 'false', id);
    }
    const sync = (contributes.menus['view/title'] ?? []).find((entry) => entry.command === CommandIds.syncNow);
    // The key is ContextKeys.hasTrackers (contextKeys.ts imports vscode, so it is spelled out here).
    assert.equal(sync?.when, `view == ${ViewIds.friction} && customerLens.hasTrackers`);
    assert.match(sync?.group ?? '', /^navigation/);
    const interval = contributes.configuration.properties['customerLens.sync.intervalMinutes'];
    assert.equal(interval?.default, 15);
    assert.equal(interval?.minimum, 0);
  });

  it('activate to restore the panel after a reload', () => {
    assert.ok(manifest.activationEvents.includes('onWebviewPanel:customerLens.panel'));
  });
});
