/** Helpers over a frame's element records: parent links, sizes and visibility from markup only. */
import type { ElementRecord } from '../element-record';

export function px(value: string | undefined): number {
  if (!value) return 0;
  const m = /^\s*(\d{1,6})(?:\.\d+)?\s*(px)?\s*$/i.exec(value);
  return m ? Number(m[1]) : 0;
}

export function sizeOf(r: ElementRecord): { width: number; height: number } {
  return { width: px(r.attrs.width) || px(r.style.width), height: px(r.attrs.height) || px(r.style.height) };
}

export function isHidden(r: ElementRecord): boolean {
  return r.attrs.hidden !== undefined || r.style.display?.trim().toLowerCase() === 'none';
}

const MAX_DEPTH = 64;

export class RecordTree {
  readonly byRef = new Map<number, ElementRecord>();
  private readonly children = new Map<number, ElementRecord[]>();

  constructor(readonly records: readonly ElementRecord[]) {
    for (const r of records) this.byRef.set(r.ref, r);
    for (const r of records) {
      if (r.parentRef === null) continue;
      const list = this.children.get(r.parentRef) ?? [];
      list.push(r);
      this.children.set(r.parentRef, list);
    }
  }

  parent(r: ElementRecord): ElementRecord | undefined {
    return r.parentRef === null ? undefined : this.byRef.get(r.parentRef);
  }

  isInside(r: ElementRecord, ancestorRef: number): boolean {
    let p = r.parentRef;
    for (let guard = 0; p !== null && guard < MAX_DEPTH; guard++) {
      if (p === ancestorRef) return true;
      p = this.byRef.get(p)?.parentRef ?? null;
    }
    return false;
  }

  depth(r: ElementRecord): number {
    let d = 0;
    for (let p = this.parent(r); p && d < MAX_DEPTH; p = this.parent(p)) d++;
    return d;
  }

  descendants(root: ElementRecord): ElementRecord[] {
    const out: ElementRecord[] = [];
    const stack = [...(this.children.get(root.ref) ?? [])];
    while (stack.length && out.length < 10_000) {
      const r = stack.pop() as ElementRecord;
      out.push(r);
      stack.push(...(this.children.get(r.ref) ?? []));
    }
    return out;
  }
}
