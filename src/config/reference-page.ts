/**
 * docs/configuration.md, rendered from the schema alone: `npm run docs:config` writes it, and a
 * test fails when the checked-in page differs, so names, defaults and ranges have one source.
 */
import { FILE_SUFFIX } from './file-variants.js';
import { GROUPS, SETTINGS, WORKER_BINDINGS, type Group } from './schema.js';
import type { Setting } from './setting.js';

const INTRO = `# Configuration

<!-- Generated from src/config/schema.ts by \`npm run docs:config\`: edit the schema, not this page. -->

The proxy reads its configuration once, at start-up: from the environment on Node, from the
Worker's text bindings (\`[vars]\` in \`wrangler.toml\`, and secrets) on Workers. Both read the same
names with the same rules. A value is trimmed; an empty value counts as unset, and an unset one
takes its default. A bad value stops the Node server at start-up with one message that lists every
problem at once, each naming its variable and never quoting a secret's value; on a Worker every
request then answers a legacy 6000 naming the bindings at fault (\`/healthz\` answers 503), and the
Worker logs the details. \`deploy/env.example\` is a complete environment file; on Node,
\`qcloud-legacy-proxy --env-file FILE\` reads one (the environment wins over it), and
\`qcloud-legacy-proxy check-config\` checks the settings and prints them as they will run, keys masked,
without starting ([operations.md](operations.md#check)).

**Runtime** says where a setting has an effect: *Node, Worker*, or *Node* only (a Worker checks it
but has no use for it). **Secret** marks a value that holds a key: keep it in a secret store
(\`wrangler secret put\`, a Kubernetes Secret, a file readable by the service only), never in
\`[vars]\`, a ConfigMap or a log.
`;

export function renderReferencePage(): string {
  const sections = (Object.keys(GROUPS) as Group[]).map((group) => section(group));
  return [INTRO, ...sections, workerBindings()].join('\n');
}

function section(group: Group): string {
  const rows = Object.entries(SETTINGS)
    .filter(([, setting]) => setting.group === group)
    .map(([name, setting]) => row(name, setting));
  return [
    `## ${GROUPS[group].title}`,
    '',
    GROUPS[group].intro,
    '',
    '| Variable | Default | Meaning | Runtime |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

function row(name: string, setting: Setting): string {
  const secret =
    setting.secret === 'always' ? ' **(secret)**' : setting.secret ? ` **(secret ${setting.secret})**` : '';
  const fallback = setting.default ? `\`${setting.default}\`` : `*(${setting.absent ?? 'none'})*`;
  const file = setting.file
    ? ` Or \`${name}${FILE_SUFFIX}\`: the path of a file that holds it (Node; a mounted secret).`
    : '';
  const meaning = `${setting.meaning}.${setting.kind.accepts ? ` Accepts ${setting.kind.accepts}.` : ''}${file}`;
  const runtime = setting.runtime === 'both' ? 'Node, Worker' : 'Node';
  return `| ${cells(`\`${name}\`${secret}`, fallback, meaning, runtime)} |`;
}

function workerBindings(): string {
  const rows = Object.entries(WORKER_BINDINGS).map(([name, meaning]) => `| ${cells(`\`${name}\``, `${meaning}.`)} |`);
  return [
    '## Worker bindings',
    '',
    'Besides the text bindings above, the Worker uses these (declared in `wrangler.toml`, not settings):',
    '',
    '| Binding | Meaning |',
    '|---|---|',
    ...rows,
    '',
  ].join('\n');
}

function cells(...values: string[]): string {
  return values.map((value) => value.replaceAll('|', '\\|')).join(' | ');
}
