/**
 * Architecture check (DESIGN.md "Layers"): a layer imports only the layers
 * listed before it, only through their front door `index.ts`, and there are
 * no cycles. `npm run lint` runs this; CI fails on any violation.
 */
const layers = ['model', 'log', 'store', 'api', 'controllers', 'runtime', 'invariants', 'debug', 'testing', 'http', 'ui', 'cli'];

const upward = layers.map((layer, i) => {
  const below = layers.slice(i + 1);
  return {
    name: `no-upward-from-${layer}`,
    comment: `${layer}/ may import only ${layers.slice(0, i).join(', ') || 'no other layer'}`,
    severity: 'error',
    from: { path: `^src/${layer}/` },
    to: { path: below.length ? `^src/(${below.join('|')})/` : '^$' },
  };
});

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'front-door-only',
      comment: 'other layers import a layer only through its index.ts',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/([^/]+)/', pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$'] },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'no-test-or-bench-from-src',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
