/**
 * The identifiers a container runtime would report, made deterministic:
 * container IDs hashed from (pod uid, container, restart count), image IDs
 * hashed from the image reference, and images normalised as containerd
 * reports them (`nginx` → `docker.io/library/nginx:latest`).
 */

function fnv64hex(s: string, rounds: number): string {
  let out = '';
  for (let r = 0; r < rounds; r++) {
    let h = (0x811c9dc5 ^ r) >>> 0;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

export function containerId(podUid: string, container: string, restartCount: number): string {
  return `containerd://${fnv64hex(`${podUid}/${container}/${restartCount}`, 8)}`;
}

export function normaliseImage(image: string): string {
  const firstSlash = image.indexOf('/');
  const first = firstSlash < 0 ? '' : image.slice(0, firstSlash);
  const hasRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
  let ref = hasRegistry ? image : `docker.io/${firstSlash < 0 ? 'library/' : ''}${image}`;
  const lastPart = ref.slice(ref.lastIndexOf('/') + 1);
  if (!lastPart.includes(':') && !lastPart.includes('@')) ref += ':latest';
  return ref;
}

export function imageId(image: string): string {
  const n = normaliseImage(image);
  const repo = n.includes('@') ? n.slice(0, n.indexOf('@')) : n.slice(0, n.lastIndexOf(':'));
  return `${repo}@sha256:${fnv64hex(n, 8)}`;
}

/** A plausible, stable image size in bytes (10–110 MB) for the Pulled event. */
export function imageSize(image: string): number {
  return 10_000_000 + (parseInt(fnv64hex(normaliseImage(image), 1), 16) % 100_000_000);
}
