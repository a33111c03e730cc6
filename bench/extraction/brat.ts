/**
 * brat standoff attributions (PolNeAR): `T` lines with a role and character
 * offsets (several `start end` parts separated by `;`), `E` lines tying one
 * attribution's Content, Cue and Source.
 */

export interface Part {
  start: number;
  end: number;
}

export interface GoldAttribution {
  content: Part[];
  cue: Part[] | null;
  source: Part[] | null;
}

export function parseAnn(ann: string): GoldAttribution[] {
  const spans = new Map<string, Part[]>();
  const out: GoldAttribution[] = [];
  const events: string[] = [];
  for (const line of ann.split('\n')) {
    const [id, body] = line.split('\t');
    if (!id || !body) continue;
    if (id.startsWith('T')) {
      const space = body.indexOf(' ');
      const parts = body
        .slice(space + 1)
        .split(';')
        .map((p) => p.trim().split(/\s+/).map(Number))
        .filter((p) => p.length === 2 && p.every(Number.isFinite))
        .map(([start, end]) => ({ start: start!, end: end! }));
      spans.set(id, parts);
    } else if (id.startsWith('E')) {
      events.push(body);
    }
  }
  for (const e of events) {
    const roles = new Map<string, string>();
    for (const arg of e.trim().split(/\s+/)) {
      const [role, ref] = arg.split(':');
      if (role && ref) roles.set(role.replace(/\d+$/, ''), ref);
    }
    const content = spans.get(roles.get('Content') ?? '');
    if (!content || content.length === 0) continue;
    const cue = spans.get(roles.get('Cue') ?? '') ?? null;
    const source = spans.get(roles.get('Source') ?? '') ?? null;
    out.push({ content, cue, source });
  }
  return out;
}
