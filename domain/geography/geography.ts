import { PROVINCES } from './provinces.js';

export type AreaLevel = 'country' | 'province' | 'commune';

export interface Area {
  readonly code: string;
  readonly name: string;
  readonly level: AreaLevel;
  readonly parent: string | null;
}

export const COUNTRY_CODE = 'VN';

const LEVEL_DEPTH: Record<AreaLevel, number> = { country: 0, province: 1, commune: 2 };

export function levelDepth(level: AreaLevel): number {
  return LEVEL_DEPTH[level];
}

/** The administrative hierarchy, with the lookups every layer needs. */
export class Geography {
  readonly #areas = new Map<string, Area>();
  readonly #children = new Map<string, Area[]>();

  constructor(areas: Iterable<Area>) {
    for (const area of areas) {
      this.#areas.set(area.code, area);
      if (area.parent !== null) {
        const siblings = this.#children.get(area.parent) ?? [];
        siblings.push(area);
        this.#children.set(area.parent, siblings);
      }
    }
  }

  get(code: string): Area | undefined {
    return this.#areas.get(code);
  }

  has(code: string): boolean {
    return this.#areas.has(code);
  }

  children(code: string): readonly Area[] {
    return this.#children.get(code) ?? [];
  }

  /** The area itself, then its parent, up to the country. */
  ancestry(code: string): Area[] {
    const chain: Area[] = [];
    for (let area = this.#areas.get(code); area; area = area.parent ? this.#areas.get(area.parent) : undefined) {
      chain.push(area);
    }
    return chain;
  }

  /** The area at `level` that contains `code` (itself if it is at that level). */
  ancestorAt(code: string, level: AreaLevel): Area | undefined {
    return this.ancestry(code).find((area) => area.level === level);
  }

  /** True when `inner` is `outer` or lies below it. */
  contains(outer: string, inner: string): boolean {
    return this.ancestry(inner).some((area) => area.code === outer);
  }

  /** True when one of the two areas contains the other. */
  overlaps(a: string, b: string): boolean {
    return this.contains(a, b) || this.contains(b, a);
  }

  /** The commune and the province an area lies in (null above that level), from one walk up. */
  placeOf(code: string): { commune: string | null; province: string | null } {
    const chain = this.ancestry(code);
    return {
      commune: chain.find((area) => area.level === 'commune')?.code ?? null,
      province: chain.find((area) => area.level === 'province')?.code ?? null,
    };
  }

  /** True when any of `scope` contains `code`. */
  withinAny(scope: readonly string[], code: string): boolean {
    const chain = this.ancestry(code);
    return chain.some((area) => scope.includes(area.code));
  }

  size(): number {
    return this.#areas.size;
  }

  *all(): IterableIterator<Area> {
    yield* this.#areas.values();
  }
}

/**
 * The demo geography: the country, its 34 provincial units and their generated
 * communes, coded `<province><3 digits>` so that codes are five digits and unique.
 */
export function demoAreas(): Area[] {
  const areas: Area[] = [{ code: COUNTRY_CODE, name: 'Việt Nam', level: 'country', parent: null }];
  for (const province of PROVINCES) {
    areas.push({ code: province.code, name: province.name, level: 'province', parent: COUNTRY_CODE });
    // Named in Vietnamese after their province, without its kind: "Xã Hà Nội 1", "Xã Hồ Chí Minh 1".
    const place = province.name.replace(/^(Thành phố|Tỉnh) /, '');
    for (let i = 1; i <= province.communes; i++) {
      const code = `${province.code}${String(i).padStart(3, '0')}`;
      areas.push({ code, name: `Xã ${place} ${i}`, level: 'commune', parent: province.code });
    }
  }
  return areas;
}

let demo: Geography | undefined;

export function demoGeography(): Geography {
  demo ??= new Geography(demoAreas());
  return demo;
}
