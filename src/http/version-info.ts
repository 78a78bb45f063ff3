/**
 * `/version`. kubectl (a dispatcher on this machine image) picks the kubectl
 * it runs from `gitVersion`, and client libraries gate features on
 * `major`/`minor`: chronokube follows Kubernetes 1.32 (DESIGN.md), so it
 * reports a 1.32 patch release, with the platform it runs on.
 */
export const KUBERNETES_VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.4' } as const;

const GO_ARCH: Readonly<Record<string, string>> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' };

export function versionInfo(platform: string = process.platform, arch: string = process.arch): Record<string, string> {
  return {
    ...KUBERNETES_VERSION,
    gitCommit: 'chronokube',
    gitTreeState: 'clean',
    buildDate: '2025-04-22T00:00:00Z',
    goVersion: `node ${process.version}`,
    compiler: 'chronokube',
    platform: `${platform}/${GO_ARCH[arch] ?? arch}`,
  };
}
