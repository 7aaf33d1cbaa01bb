/**
 * Keeping circles apart: {@link placeApart} puts circles one at a time at the free spot nearest to where each wants to
 * be (the greedy spiral of word-cloud layouts, Feinberg's Wordle; here on a uniform grid of placed circles).
 * Deterministic: the same circles in the same order give the same spots.
 */

/** A circle: centre and radius. */
export interface Circle {
  x: number;
  y: number;
  r: number;
}

/** The golden angle: successive rings start their search this far round, so no direction is always tried first. */
const GOLDEN = Math.PI * (3 - Math.sqrt(5));

/** Placed circles on a uniform grid; a circle sits in every cell its bounding box meets. */
class CircleGrid {
  private readonly cells = new Map<number, number[]>();
  private readonly placed: Circle[] = [];

  constructor(private readonly cell: number) {}

  private key(cx: number, cy: number): number {
    // Cantor-free packing of two signed cell indices into one number: |index| < 2^20 on any sane map.
    return (cx + 1_048_576) * 2_097_152 + (cy + 1_048_576);
  }

  add(circle: Circle): void {
    const index = this.placed.length;
    this.placed.push(circle);
    const { cell } = this;
    for (let cx = Math.floor((circle.x - circle.r) / cell); cx <= Math.floor((circle.x + circle.r) / cell); cx++) {
      for (let cy = Math.floor((circle.y - circle.r) / cell); cy <= Math.floor((circle.y + circle.r) / cell); cy++) {
        const k = this.key(cx, cy);
        const list = this.cells.get(k);
        if (list) list.push(index);
        else this.cells.set(k, [index]);
      }
    }
  }

  /** True when a circle of radius `r` at (x, y) overlaps no placed circle. */
  free(x: number, y: number, r: number): boolean {
    const { cell } = this;
    for (let cx = Math.floor((x - r) / cell); cx <= Math.floor((x + r) / cell); cx++) {
      for (let cy = Math.floor((y - r) / cell); cy <= Math.floor((y + r) / cell); cy++) {
        const list = this.cells.get(this.key(cx, cy));
        if (!list) continue;
        for (const i of list) {
          const p = this.placed[i]!;
          const dx = p.x - x;
          const dy = p.y - y;
          const d = p.r + r;
          if (dx * dx + dy * dy < d * d) return false;
        }
      }
    }
    return true;
  }
}

/**
 * Places `circles` in the given order (put the important ones first: they keep their spot), each at the free spot
 * nearest to its wished centre, searched on rings half a radius apart with candidates a radius apart along each
 * ring; returns the centres, in order. Nothing overlaps.
 */
export function placeApart(circles: readonly Circle[]): Circle[] {
  if (circles.length === 0) return [];
  const radii = circles.map((c) => c.r).sort((a, b) => a - b);
  // Cells about two typical diameters wide: small circles meet a few cells, a hub many, and each cell holds a few.
  const grid = new CircleGrid(Math.max(1e-6, 4 * radii[Math.floor(radii.length * 0.75)]!));
  const out: Circle[] = [];
  for (const circle of circles) {
    let spot: Circle | undefined = grid.free(circle.x, circle.y, circle.r) ? { ...circle } : undefined;
    const delta = circle.r / 2;
    for (let ring = 1; !spot; ring++) {
      const radius = ring * delta;
      const count = Math.max(6, Math.ceil((2 * Math.PI * radius) / circle.r));
      const start = ring * GOLDEN;
      for (let k = 0; k < count; k++) {
        const angle = start + (2 * Math.PI * k) / count;
        const x = circle.x + radius * Math.cos(angle);
        const y = circle.y + radius * Math.sin(angle);
        if (grid.free(x, y, circle.r)) {
          spot = { x, y, r: circle.r };
          break;
        }
      }
    }
    grid.add(spot);
    out.push(spot);
  }
  return out;
}
