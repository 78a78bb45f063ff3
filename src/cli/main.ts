/**
 * The `chronokube` command line. One grammar for every verb:
 * `chronokube VERB [ARGS] [--history FILE] [--at REV|TIME] [-n NS | -A] [-o FORMAT]`.
 * `run(argv, io)` is the whole CLI as a function (tests call it in process);
 * running this file runs it on process.argv.
 *
 * Over 400 lines because it is the one table of every verb with its options
 * and help (a few declarative lines each, no logic: each verb's work is in
 * commands/NAME.ts). Split it by verb group when it grows further.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { fileURLToPath } from 'node:url';
import { applyCommand } from './commands/apply.js';
import { bisectCommand } from './commands/bisect.js';
import { blameCommand } from './commands/blame.js';
import { checkCommand } from './commands/check.js';
import { deleteCommand } from './commands/delete.js';
import { demoCommand } from './commands/demo.js';
import { diffCommand } from './commands/diff.js';
import { getCommand } from './commands/get.js';
import { historyCommand } from './commands/history.js';
import { apiResourcesCommand, apiVersionsCommand } from './commands/discovery.js';
import { ROLLOUT_ACTIONS, rolloutCommand } from './commands/rollout.js';
import { runCommand } from './commands/run.js';
import { serveCommand } from './commands/serve.js';
import { uiCommand } from './commands/ui.js';
import { upCommand } from './commands/up.js';
import { whyCommand } from './commands/why.js';
import { exportCommand } from './commands/export.js';
import { forkCommand } from './commands/fork.js';
import { replayCommand } from './commands/replay.js';
import { replaySimulateCommand } from './commands/replay-simulate.js';
import { whyNotCommand } from './commands/whynot.js';
import { builtinInvariants } from '../invariants/index.js';
import { reportError } from './fail.js';
import type { CliIo } from './io.js';
import { processIo } from './io.js';
import { CliError, DEFAULT_HISTORY, useEncryptionConfig } from './session.js';
import { importCommand } from './commands/import.js';
import { recordCommand } from './commands/record.js';
import { bookmarkCommand, bookmarksCommand } from './commands/bookmark.js';
import { STEP_BY, stepCommand } from './commands/step.js';

const HISTORY_HELP = `history file (default ${DEFAULT_HISTORY})`;

/** The debugger cursor's filters, shared by `history` and `step`. */
function cursorFilters(c: Command): Command {
  return c
    .option('--kind <kind>', 'only writes to objects of this kind (pods, po, deployment.apps)')
    .option('--name <name>', 'only writes to objects with this name')
    .option('-n, --namespace <ns>', 'only writes to objects in this namespace')
    .option('-l, --selector <selector>', 'only writes to objects matching this label selector')
    .option('--actor <actor>', 'only records by this actor (controller:replicaset; node:* for a prefix)')
    .option('--verb <verb>', 'only writes with this verb (delete, update/status)')
    .option('--text <text>', 'only records containing this text (case-insensitive)')
    .option('--where <predicate>', 'only writes leaving the object so: PATH=VALUE or PATH!=VALUE, comma-separated (status.phase=Failed)')
    .option('--noise', 'include heartbeats, lease renewals, managedFields/resourceVersion-only and no-op writes (hidden by default)');
}
const INVARIANT_NAMES = builtinInvariants.map((i) => i.name).join(', ');

function integer(value: string): number {
  if (!/^-?[0-9]+$/.test(value)) throw new InvalidArgumentError('not an integer');
  return Number(value);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Runs the CLI on `argv` (without `node` and the script) and resolves with the exit code. */
export async function run(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let code = 0;
  const program = new Command('chronokube')
    .description('An event-sourced Kubernetes control plane: replay, step back, diff and explain any cluster history.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('apply')
    .description('server-side apply every object of a manifest file or folder (field manager "chronokube")')
    .requiredOption('-f, --filename <path>', 'manifest file or folder (repeatable)', collect, [])
    .option('--history <file>', HISTORY_HELP)
    .option('-n, --namespace <ns>', 'namespace for objects that name none (default "default")')
    .option('--as <name>', 'who applies, recorded as the actor (default user:admin)')
    .option('--field-manager <name>', 'field manager (default chronokube)')
    .action(async (o: { filename: string[]; history?: string; namespace?: string; as?: string; fieldManager?: string }) => {
      code = await applyCommand(io, o);
    });

  program
    .command('delete')
    .description('delete an object: KIND/NAME or KIND NAME')
    .argument('<kind>', 'kind, or KIND/NAME')
    .argument('[name]', 'name')
    .option('--history <file>', HISTORY_HELP)
    .option('-n, --namespace <ns>', 'namespace (default "default")')
    .option('--as <name>', 'who deletes, recorded as the actor (default user:admin)')
    .option('--cascade <policy>', 'background, foreground or orphan')
    .option('--grace-period <seconds>', 'grace period in seconds', integer)
    .action(async (kind: string, name: string | undefined, o: { history?: string; namespace?: string; as?: string; cascade?: string; gracePeriod?: number }) => {
      code = await deleteCommand(io, kind, name, o);
    });

  program
    .command('get')
    .description('show objects at a revision (default: the newest)')
    .argument('<kind>', 'kind (pods, po, deployments.apps, ...), or KIND/NAME')
    .argument('[name]', 'name')
    .option('--history <file>', HISTORY_HELP)
    .option('--at <rev|time>', 'revision number, HEAD, HEAD~N or RFC 3339 time')
    .option('-l, --selector <selector>', 'label selector, e.g. app=web,tier notin (db)')
    .option('--field-selector <selector>', 'field selector, e.g. status.phase=Running')
    .option('-n, --namespace <ns>', 'namespace (default "default")')
    .option('-A, --all-namespaces', 'every namespace')
    .option('-o, --output <format>', 'table, wide, json, yaml or name', 'table')
    .action(async (kind: string, name: string | undefined, o: Parameters<typeof getCommand>[3]) => {
      code = await getCommand(io, kind, name, o);
    });

  cursorFilters(
    program
      .command('history')
      .description('list the records of a history, oldest first (noise hidden unless --noise)')
      .option('--history <file>', HISTORY_HELP)
      .option('--from <rev|time|bookmark>', 'first revision listed (default: the oldest)')
      .option('--to <rev|time|bookmark>', 'last revision listed (default: the newest)')
      .option('-o, --output <format>', 'table, or json (one record per line)', 'table')
      .option('--all', 'also show reconcile, perturbation and annotation records'),
  ).action(async (o: Parameters<typeof historyCommand>[1]) => {
    code = await historyCommand(io, o);
  });

  cursorFilters(
    program
      .command('step')
      .description('move the debugger cursor from --at to the next (--back: previous) write matching the filters, and print it with its diff; exits 1 when none matches')
      .option('--history <file>', HISTORY_HELP)
      .option('--at <rev|time|bookmark>', 'where the cursor starts (default: the oldest, or with --back the newest)')
      .option('--back', 'step to the previous matching write')
      .option('--by <what>', `${STEP_BY.join('|')}: keep to the object, actor or kind of the write at --at`)
      .option('-o, --output <format>', 'text, or json (the record and its JSON Patch)', 'text'),
  ).action(async (o: Parameters<typeof stepCommand>[1]) => {
    code = await stepCommand(io, o);
  });

  program
    .command('bookmark')
    .description('name a revision; the bookmark is kept in the history and any --at takes its name (naming again moves it)')
    .argument('<name>', 'a letter, then letters, digits, ".", "_" or "-"')
    .option('--history <file>', HISTORY_HELP)
    .option('--at <rev|time|bookmark>', 'the revision to name (default: the newest)')
    .action(async (name: string, o: Parameters<typeof bookmarkCommand>[2]) => {
      code = await bookmarkCommand(io, name, o);
    });

  program
    .command('bookmarks')
    .description("list a history's bookmarks: name, revision and its time")
    .option('--history <file>', HISTORY_HELP)
    .option('-o, --output <format>', 'table or json', 'table')
    .action(async (o: Parameters<typeof bookmarksCommand>[1]) => {
      code = await bookmarksCommand(io, o);
    });

  program
    .command('diff')
    .description('JSON Patch between two revisions, for the cluster or one object')
    .argument('<from>', 'revision, HEAD, HEAD~N or time')
    .argument('<to>', 'revision, HEAD, HEAD~N or time')
    .argument('[object]', 'KIND/NAME')
    .option('--history <file>', HISTORY_HELP)
    .option('-n, --namespace <ns>', 'namespace of the object (default "default")')
    .option('-o, --output <format>', 'text (one operation per line) or json', 'text')
    .action(async (from: string, to: string, object: string | undefined, o: { history?: string; namespace?: string; output?: string }) => {
      code = await diffCommand(io, from, to, object, o);
    });

  program
    .command('rollout')
    .description(`manage a Deployment's rollout: ${ROLLOUT_ACTIONS.join(', ')} (as kubectl rollout)`)
    .argument('<action>', ROLLOUT_ACTIONS.join(' | '))
    .argument('<kind>', 'deployment/NAME, or deployment')
    .argument('[name]', 'name')
    .option('--history <file>', HISTORY_HELP)
    .option('-n, --namespace <ns>', 'namespace (default "default")')
    .option('--as <name>', 'who acts, recorded as the actor (default user:admin)')
    .option('--revision <n>', 'history: show the pod template of this revision', integer)
    .option('--to-revision <n>', 'undo: the revision to roll back to (default: the previous one)', integer)
    .option('--at <rev|time>', 'status: the revision to look at (default the newest)')
    .action(async (action: string, kind: string, name: string | undefined, o: Parameters<typeof rolloutCommand>[4]) => {
      code = await rolloutCommand(io, action, kind, name, o);
    });

  program
    .command('up')
    .description('run a live cluster (wall clock, file history, built-in controllers, simulated nodes) with its Kubernetes API on https://127.0.0.1:6443 and the web debugger at /ui/, until interrupted')
    .option('--data <dir>', 'data folder: history.ckh and inbox/ (default .chronokube)')
    .option('--nodes <n>', 'simulated nodes (default 3)', integer)
    .option('--controllers <module>', 'a module exporting your own controllers (repeatable)', collect, [])
    .option('--port <n>', 'API port (default 6443)', integer)
    .option('--address <ip>', 'address to bind the API to (default 127.0.0.1)')
    .option('--kubeconfig <path>', 'where to write the kubeconfig (default DATA/kubeconfig)')
    .option('--tls-cert <file>', 'your own TLS certificate (PEM); a self-signed one is generated otherwise')
    .option('--tls-key <file>', 'the key of --tls-cert (PEM)')
    .option('--encryption-config <file>', 'an EncryptionConfiguration (aesgcm) sealing Secrets in the history')
    .option('--no-ui', 'do not serve the web debugger under /ui/')
    .option('--ui-port <n>', 'also serve the web debugger over plain HTTP on 127.0.0.1:N (no certificate warning)', integer)
    .action(async (o: { data?: string; nodes?: number; controllers?: string[]; port?: number; address?: string; kubeconfig?: string; tlsCert?: string; tlsKey?: string; encryptionConfig?: string; ui?: boolean; uiPort?: number }) => {
      useEncryptionConfig(o.encryptionConfig);
      code = await upCommand(io, o);
    });

  program
    .command('run')
    .description('run a scenario in virtual time and write its history')
    .argument('<scenario>', 'scenario file (see fixtures/SCENARIOS.md)')
    .requiredOption('--out <file>', 'history file to write')
    .option('--seed <n>', "random seed (default: the scenario's)", integer)
    .option('--until-stable', 'run until nothing but heartbeats is written for 5 virtual minutes (the default)')
    .option('--for <duration>', 'run exactly this long, e.g. 20m')
    .option('--force', 'replace the output file if it exists')
    .option('--controllers <module>', 'a module exporting your own controllers (repeatable)', collect, [])
    .option('--encryption-config <file>', 'an EncryptionConfiguration (aesgcm) sealing Secrets in the history')
    .action(async (file: string, o: { out: string; seed?: number; untilStable?: boolean; for?: string; force?: boolean; controllers?: string[]; encryptionConfig?: string }) => {
      useEncryptionConfig(o.encryptionConfig);
      code = await runCommand(io, file, o);
    });

  program
    .command('record')
    .description('record a live cluster (list and watch through a kubeconfig) into a history; an existing file is resumed')
    .requiredOption('--out <file>', 'history file (an existing one is resumed)')
    .option('--kubeconfig <path>', 'kubeconfig (default: $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context')
    .option('-n, --namespace <ns>', 'namespaced resources only here (repeatable)', collect, [])
    .option('--kinds <list>', 'e.g. pods,deployments.apps (default: all but events, leases and secrets)')
    .option('--for <duration>', 'stop after this long, e.g. 10m (default: until Ctrl-C)')
    .option('--include-secrets', 'record Secrets too (needs --encryption-config)')
    .option('--encryption-config <file>', 'an EncryptionConfiguration (aesgcm) sealing recorded Secrets')
    .action(async (o: Parameters<typeof recordCommand>[1]) => {
      code = await recordCommand(io, o);
    });

  program
    .command('import')
    .description('make a history from a Kubernetes audit log, a saved watch stream or a YAML snapshot')
    .argument('<file>', 'input file (- for standard input)')
    .requiredOption('--format <format>', 'audit (audit.k8s.io/v1 JSON lines), watch (kubectl get -w --output-watch-events -o json) or snapshot (YAML)')
    .requiredOption('--out <file>', 'history file to write')
    .option('--force', 'replace the output file if it exists')
    .action(async (file: string, o: Parameters<typeof importCommand>[2]) => {
      code = await importCommand(io, file, o);
    });

  program
    .command('why')
    .description('the chain of causes behind an object, or one field of it, back to user actions and faults')
    .argument('<kind>', 'KIND/NAME, or KIND')
    .argument('[name]', 'name')
    .option('--history <file>', HISTORY_HELP)
    .option('--at <rev|time>', 'explain the version visible at this revision (default: the newest)')
    .option('-n, --namespace <ns>', 'namespace (default "default")')
    .option('-o, --output <format>', 'text (a tree) or json', 'text')
    .option('--field <path>', 'explain the write that set this field\'s current value (spec.replicas, status.phase, spec.nodeName)')
    .action(async (kind: string, name: string | undefined, o: { history?: string; at?: string; namespace?: string; output?: string; field?: string }) => {
      code = await whyCommand(io, kind, name, o);
    });

  program
    .command('api-resources')
    .description('the resources served, as kubectl api-resources shows them (custom ones from the CRDs at --at)')
    .option('--history <file>', HISTORY_HELP)
    .option('--at <rev|time>', 'revision (default: the newest)')
    .action(async (o: { history?: string; at?: string }) => {
      code = await apiResourcesCommand(io, o);
    });

  program
    .command('api-versions')
    .description('the group/versions served, as kubectl api-versions shows them')
    .option('--history <file>', HISTORY_HELP)
    .option('--at <rev|time>', 'revision (default: the newest)')
    .action(async (o: { history?: string; at?: string }) => {
      code = await apiVersionsCommand(io, o);
    });

  program
    .command('demo')
    .description('write and show a small demo history (.chronokube/demo.ckh), no controllers running')
    .option('--history <file>', 'where to write it')
    .action(async (o: { history?: string }) => {
      code = await demoCommand(io, o);
    });

  program
    .command('blame')
    .description('for every field of an object, the write (revision, actor, verb) that last set its current value')
    .argument('<kind>', 'KIND/NAME, or KIND')
    .argument('[name]', 'name')
    .option('--history <file>', HISTORY_HELP)
    .option('--at <rev|time>', 'blame the version visible at this revision (default: the newest)')
    .option('-n, --namespace <ns>', 'namespace (default "default")')
    .option('-o, --output <format>', 'text (a table) or json', 'text')
    .action(async (kind: string, name: string | undefined, o: { history?: string; at?: string; namespace?: string; output?: string }) => {
      code = await blameCommand(io, kind, name, o);
    });

  program
    .command('check')
    .description('every range of revisions where an invariant fails; exits 1 if it fails anywhere')
    .requiredOption('--invariant <name>', `${INVARIANT_NAMES}, or one from --invariants-module`)
    .option('--invariants-module <file>', 'a module exporting your own `invariants`')
    .option('--history <file>', HISTORY_HELP)
    .option('--from <rev|time>', 'first revision checked (default: the oldest)')
    .option('--to <rev|time>', 'last revision checked (default: the newest)')
    .option('-o, --output <format>', 'text or json', 'text')
    .action(async (o: { invariant: string; invariantsModule?: string; history?: string; from?: string; to?: string; output?: string }) => {
      code = await checkCommand(io, o);
    });

  program
    .command('bisect')
    .description('as git bisect: the revision where an invariant goes from holding to failing, and the write at it')
    .requiredOption('--invariant <name>', `${INVARIANT_NAMES}, or one from --invariants-module`)
    .option('--invariants-module <file>', 'a module exporting your own `invariants`')
    .option('--history <file>', HISTORY_HELP)
    .option('--good <rev|time>', 'a revision where it holds (default: the oldest)')
    .option('--bad <rev|time>', 'a later revision where it fails (default: the newest)')
    .option('-o, --output <format>', 'text or json', 'text')
    .action(async (o: { invariant: string; invariantsModule?: string; history?: string; good?: string; bad?: string; output?: string }) => {
      code = await bisectCommand(io, o);
    });

  program
    .command('whynot')
    .description('why is this pod not scheduled / not running / not replaced, why is this Deployment not available: from the recorded conditions, Events and refused commands')
    .argument('<kind>', 'KIND/NAME, or KIND')
    .argument('[name]', 'name')
    .option('--history <file>', HISTORY_HELP)
    .option('--at <rev|time>', 'answer as of this revision (default: the newest)')
    .option('-n, --namespace <ns>', 'namespace (default "default")')
    .option('-o, --output <format>', 'text or json', 'text')
    .action(async (kind: string, name: string | undefined, o: { history?: string; at?: string; namespace?: string; output?: string }) => {
      code = await whyNotCommand(io, kind, name, o);
    });

  program
    .command('replay')
    .description(
      're-run controllers over recorded inputs (never re-folding events): with --controllers, your build of controllers over the inputs the recorded ones were given, printing the first command that differs; with --simulate, all of chronokube over the recorded users\' requests and environment, comparing every object\'s trajectory with the recording (exit 1 on any divergence)',
    )
    .option('--controllers <module>', 'a module exporting `controllers`: matched to recorded ones by name, or with --simulate run beside the built-in ones (repeatable)', collect, [])
    .option('--simulate', 're-simulate the history (a recorded or imported one) and compare trajectories per object')
    .option('--from <rev|time>', "with --simulate: start after this revision (default: a recording's initial-state bookmark, else the beginning)")
    .option('--for <duration>', "with --simulate: run this long (default: to the recording's end)")
    .option('--scenario <file>', 'with --simulate: take container behaviours from this scenario')
    .option('--out <file>', 'with --simulate: keep the simulation as a history file')
    .option('--force', 'replace the --out file if it exists')
    .option('--all', 'with --simulate: list reproduced objects too')
    .option('--history <file>', HISTORY_HELP)
    .option('-o, --output <format>', 'text or json', 'text')
    .action(async (o: { controllers: string[]; simulate?: boolean; from?: string; for?: string; scenario?: string; out?: string; force?: boolean; all?: boolean; history?: string; output?: string }) => {
      if (o.simulate === true) {
        code = await replaySimulateCommand(io, o);
        return;
      }
      const only = (['from', 'for', 'scenario', 'out', 'all'] as const).filter((k) => o[k] !== undefined);
      if (only.length > 0) throw new CliError(`--${only.join(', --')}: only with --simulate`);
      code = await replayCommand(io, o);
    });

  program
    .command('fork')
    .description('what-if: branch a history after a revision, change what happens next, run the controllers forward in virtual time, and compare with the original')
    .requiredOption('--at <rev|time>', 'the fork point: the branch starts just after this revision')
    .requiredOption('--out <file>', 'history file for the branch')
    .option('--history <file>', HISTORY_HELP)
    .option('--drop-fault <rev>', 'drop the recorded fault positioned at this revision (repeatable)', (v: string, p: number[]) => [...p, integer(v)], [])
    .option('--drop-write <rev>', "drop a user's write after the fork point (repeatable)", (v: string, p: number[]) => [...p, integer(v)], [])
    .option('--apply <file>', 'server-side apply this manifest at the fork point (repeatable)', collect, [])
    .option('--fault <kind:node[@after]>', 'inject a fault, e.g. node-down:node-1 or kubelet-restart:node-2@30s (repeatable)', collect, [])
    .option('--set <flag=value>', "run the branch's controllers with this kube-controller-manager flag, e.g. node-monitor-grace-period=20s (repeatable)", collect, [])
    .option('--for <duration>', "run this long after the fork point (default: to the original's end)")
    .option('--scenario <file>', 'take container behaviours from this scenario')
    .option('--controllers <module>', 'a module exporting your own controllers (repeatable)', collect, [])
    .option('--force', 'replace the output file if it exists')
    .option('-o, --output <format>', 'text or json', 'text')
    .action(async (o: Parameters<typeof forkCommand>[1]) => {
      code = await forkCommand(io, o);
    });

  program
    .command('export')
    .description("write a slice of a history (revision or time range, namespaces) to a new history file; Secrets' values redacted")
    .requiredOption('--out <file>', 'history file to write')
    .option('--history <file>', HISTORY_HELP)
    .option('--from <rev|time>', 'keep the state at this revision and what follows (default: the oldest)')
    .option('--to <rev|time>', 'last revision kept (default: the newest)')
    .option('-n, --namespace <ns>', 'keep only this namespace (repeatable; cluster-scoped objects are kept)', collect, [])
    .option('--include-secrets', "keep Secrets' values")
    .option('--force', 'replace the output file if it exists')
    .action(async (o: Parameters<typeof exportCommand>[1]) => {
      code = await exportCommand(io, o);
    });

  program
    .command('serve')
    .description('a history as it was at one revision, as a read-only Kubernetes API (kubectl --server http://127.0.0.1:8001 get pods -A)')
    .argument('[history]', HISTORY_HELP)
    .option('--history <file>', HISTORY_HELP)
    .option('--at <rev|time>', 'revision, HEAD, HEAD~N or RFC 3339 time (default: the newest)')
    .option('--port <n>', 'port (default 8001)', integer)
    .option('--address <ip>', 'address (default 127.0.0.1)')
    .option('--kubeconfig <path>', 'also write a kubeconfig naming the server')
    .action(async (h: string | undefined, o: { history?: string; at?: string; port?: number; address?: string; kubeconfig?: string }) => {
      code = await serveCommand(io, h ?? o.history, o);
    });

  program
    .command('ui')
    .description('the web debugger over a history, on http://127.0.0.1:7070')
    .option('--history <file>', HISTORY_HELP)
    .option('--at <rev|time>', 'revision the page opens at (default: the newest)')
    .option('--port <n>', 'port (default 7070)', integer)
    .option('--address <ip>', 'address (default 127.0.0.1)')
    .option('--invariants-module <file>', 'a module exporting your own `invariants`, marked on the timeline')
    .action(async (o: { history?: string; at?: string; port?: number; address?: string; invariantsModule?: string }) => {
      code = await uiCommand(io, o);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    return reportError(io, e);
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.exitCode = reportError(processIo, e);
    },
  );
}
