import { describe, expect, it } from 'vitest';
import { chooseEnumerator, type Unit } from '../../domain/frame.js';
import { COUNTRY_CODE, demoGeography } from '../../domain/geography/geography.js';
import { PROVINCES } from '../../domain/geography/provinces.js';

const geo = demoGeography();
const all = [...geo.all()];

describe('demo geography', () => {
  it('has 34 provincial units: 6 cities and 28 provinces', () => {
    expect(PROVINCES).toHaveLength(34);
    expect(PROVINCES.filter((p) => p.kind === 'city')).toHaveLength(6);
    expect(all.filter((a) => a.level === 'province')).toHaveLength(34);
    expect(geo.children(COUNTRY_CODE)).toHaveLength(34);
  });

  it('has 3,321 communes with unique five-digit codes under their province', () => {
    const communes = all.filter((a) => a.level === 'commune');
    expect(communes).toHaveLength(3321);
    expect(new Set(communes.map((c) => c.code)).size).toBe(3321);
    expect(communes.every((c) => /^\d{5}$/.test(c.code) && c.parent === c.code.slice(0, 2))).toBe(true);
    // Named in Vietnamese, with diacritics, after their province.
    expect(geo.get('01001')?.name).toBe('Xã Hà Nội 1');
    expect(geo.get('79003')?.name).toBe('Xã Hồ Chí Minh 3');
    expect(geo.get('11045')?.name).toBe('Xã Điện Biên 45');
    expect(communes.every((c) => /^Xã \p{Lu}/u.test(c.name) && !/Thành phố|Tỉnh|City/.test(c.name))).toBe(true);
    expect(geo.size()).toBe(1 + 34 + 3321);
  });

  it('has unique two-digit province codes', () => {
    expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(34);
    expect(PROVINCES.every((p) => /^\d{2}$/.test(p.code))).toBe(true);
  });

  it('has Hà Nội as 01 and Hồ Chí Minh City as 79', () => {
    expect(geo.get('01')).toEqual({ code: '01', name: 'Thành phố Hà Nội', level: 'province', parent: COUNTRY_CODE });
    expect(geo.get('79')?.name).toBe('Thành phố Hồ Chí Minh');
    expect(geo.children('01')).toHaveLength(126);
    expect(geo.get('VN')?.level).toBe('country');
  });

  it('contains: an area contains itself and what lies below it, nothing else', () => {
    expect(geo.contains('01', '01001')).toBe(true);
    expect(geo.contains('01', '01')).toBe(true);
    expect(geo.contains(COUNTRY_CODE, '79168')).toBe(true);
    expect(geo.contains('01', '79001')).toBe(false);
    expect(geo.contains('01001', '01')).toBe(false);
    expect(geo.contains('01', 'nowhere')).toBe(false);
  });

  it('withinAny: true when one of the scope contains the code', () => {
    expect(geo.withinAny(['79', '01005'], '01005')).toBe(true);
    expect(geo.withinAny(['79', '01005'], '79100')).toBe(true);
    expect(geo.withinAny(['79', '01005'], '01006')).toBe(false);
    expect(geo.withinAny([], '01006')).toBe(false);
    expect(geo.withinAny([COUNTRY_CODE], '96001')).toBe(true);
  });

  it('ancestorAt: the area at a level containing the code', () => {
    expect(geo.ancestorAt('01001', 'province')?.code).toBe('01');
    expect(geo.ancestorAt('01001', 'commune')?.code).toBe('01001');
    expect(geo.ancestorAt('01001', 'country')?.code).toBe(COUNTRY_CODE);
    expect(geo.ancestorAt('01', 'commune')).toBeUndefined();
    expect(geo.ancestorAt('nowhere', 'province')).toBeUndefined();
  });

  it('placeOf: the commune and province of an area, null above them; overlaps: either contains the other', () => {
    expect(geo.placeOf('01001')).toEqual({ commune: '01001', province: '01' });
    expect(geo.placeOf('01')).toEqual({ commune: null, province: '01' });
    expect(geo.placeOf(COUNTRY_CODE)).toEqual({ commune: null, province: null });
    expect(geo.overlaps('01', '01001')).toBe(true);
    expect(geo.overlaps('01001', '01')).toBe(true);
    expect(geo.overlaps('01001', '01002')).toBe(false);
  });

  it('ancestry runs from the area up to the country', () => {
    expect(geo.ancestry('79001').map((a) => a.code)).toEqual(['79001', '79', COUNTRY_CODE]);
  });
});

describe('chooseEnumerator', () => {
  const unit = (id: string, enumerator?: string): Unit => ({ id, type: 'household', areaCode: '01001', name: `Hộ ${id}`, ...(enumerator ? { enumerator } : {}) });

  it('spreads units evenly over the candidates', () => {
    const load = new Map<string, number>();
    const chosen = Array.from({ length: 9 }, (_, i) => chooseEnumerator(unit(`u${i}`), ['a', 'b', 'c'], load));
    expect(chosen.filter((c) => c === 'a')).toHaveLength(3);
    expect(chosen.filter((c) => c === 'b')).toHaveLength(3);
    expect(chosen.filter((c) => c === 'c')).toHaveLength(3);
    expect(chosen.slice(0, 3).sort()).toEqual(['a', 'b', 'c']);
    expect(Object.fromEntries(load)).toEqual({ a: 3, b: 3, c: 3 });
  });

  it('takes the least loaded candidate', () => {
    const load = new Map([['a', 5], ['b', 2]]);
    expect(chooseEnumerator(unit('u1'), ['a', 'b'], load)).toBe('b');
    expect(load.get('b')).toBe(3);
  });

  it('honours the unit’s named enumerator, even outside the candidates', () => {
    const load = new Map<string, number>();
    expect(chooseEnumerator(unit('u1', 'enum.named'), ['a', 'b'], load)).toBe('enum.named');
    expect(chooseEnumerator(unit('u2', 'b'), ['a', 'b'], load)).toBe('b');
  });

  it('gives null when nobody can take the unit', () => {
    expect(chooseEnumerator(unit('u1'), [], new Map())).toBeNull();
  });
});
