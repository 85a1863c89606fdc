import { describe, it, expect } from 'vitest';
import { assessCpu, normalizeCpuName, readCoreGeneration, type CpuSupport } from './cpu';

// Real processor name strings as Windows (and so NinjaOne) reports them.
const table: [name: string, support: CpuSupport, generation?: number | null][] = [
  // Intel Core, 1st to 14th generation
  ['Intel(R) Core(TM) i7 CPU 920 @ 2.67GHz', 'unsupported', 1],
  ['Intel(R) Core(TM) i5 CPU M 520 @ 2.40GHz', 'unsupported', 1],
  ['Intel(R) Core(TM) i7-2600 CPU @ 3.40GHz', 'unsupported', 2],
  ['Intel(R) Core(TM) i5-3470 CPU @ 3.20GHz', 'unsupported', 3],
  ['Intel(R) Core(TM) i7-4790 CPU @ 3.60GHz', 'unsupported', 4],
  ['Intel(R) Core(TM) i5-5200U CPU @ 2.20GHz', 'unsupported', 5],
  ['Intel(R) Core(TM) i5-6500 CPU @ 3.20GHz', 'unsupported', 6],
  ['Intel(R) Core(TM) i7-6700HQ CPU @ 2.60GHz', 'unsupported', 6],
  ['Intel(R) Core(TM) i7-7700 CPU @ 3.60GHz', 'unsupported', 7],
  ['Intel(R) Core(TM) i5-7200U CPU @ 2.50GHz', 'unsupported', 7],
  ['Intel(R) Core(TM) i7-7740X CPU @ 4.30GHz', 'unsupported', 7],
  ['Intel(R) Core(TM) i9-7900X CPU @ 3.30GHz', 'supported', 7],
  ['Intel(R) Core(TM) i7-7820X CPU @ 3.60GHz', 'supported', 7],
  ['Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz', 'supported', 8],
  ['Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz', 'supported', 8],
  ['Intel(R) Core(TM) i3-8130U CPU @ 2.20GHz', 'supported', 8],
  ['Intel(R) Core(TM) m3-8100Y CPU @ 1.10GHz', 'supported', 8],
  ['Intel(R) Core(TM) m3-7Y30 CPU @ 1.00GHz', 'unsupported', 7],
  ['Intel(R) Core(TM) i7-9700 CPU @ 3.00GHz', 'supported', 9],
  ['Intel(R) Core(TM) i9-9980XE CPU @ 3.00GHz', 'supported', 9],
  ['Intel(R) Core(TM) i7-10700 CPU @ 2.90GHz', 'supported', 10],
  ['Intel(R) Core(TM) i5-10210U CPU @ 1.60GHz', 'supported', 10],
  ['Intel(R) Core(TM) i7-1065G7 CPU @ 1.30GHz', 'supported', 10],
  ['Intel(R) Core(TM) i3-1005G1 CPU @ 1.20GHz', 'supported', 10],
  ['11th Gen Intel(R) Core(TM) i5-1135G7 @ 2.40GHz', 'supported', 11],
  ['11th Gen Intel(R) Core(TM) i7-11700 @ 2.50GHz', 'supported', 11],
  ['11th Gen Intel(R) Core(TM) i5-1145G7E @ 2.60GHz', 'supported', 11],
  ['12th Gen Intel(R) Core(TM) i7-1255U', 'supported', 12],
  ['12th Gen Intel(R) Core(TM) i5-12400', 'supported', 12],
  ['13th Gen Intel(R) Core(TM) i5-1345U', 'supported', 13],
  ['13th Gen Intel(R) Core(TM) i9-13900K', 'supported', 13],
  ['14th Gen Intel(R) Core(TM) i7-14700', 'supported', 14],
  ['Intel(R) Core(TM) i3-N305', 'supported', 12],
  ['Intel(R) Core(TM) i5-L16G7 CPU @ 1.40GHz', 'supported', 10],
  ['Intel(R) Core(TM) Ultra 7 155H', 'supported', null],
  ['Intel(R) Core(TM) Ultra 5 125U', 'supported', null],
  ['Intel(R) Core(TM) Ultra 9 285K', 'supported', null],
  ['Intel(R) Core(TM) 7 150U', 'supported', null],
  ['Intel(R) Core(TM)2 Duo CPU E8400 @ 3.00GHz', 'unsupported', null],
  ['Intel(R) Core(TM)2 Quad CPU Q9550 @ 2.83GHz', 'unsupported', null],
  // Xeon
  ['Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz', 'unsupported'],
  ['Intel(R) Xeon(R) CPU E3-1230 v6 @ 3.50GHz', 'unsupported'],
  ['Intel(R) Xeon(R) CPU X5670 @ 2.93GHz', 'unsupported'],
  ['Intel(R) Xeon(R) CPU W3550 @ 3.07GHz', 'unsupported'],
  ['Intel(R) Xeon(R) W-2245 CPU @ 3.90GHz', 'supported'],
  ['Intel(R) Xeon(R) W-2145 CPU @ 3.70GHz', 'supported'],
  ['Intel(R) Xeon(R) W-1290P CPU @ 3.70GHz', 'supported'],
  ['Intel(R) Xeon(R) W-10885M CPU @ 2.40GHz', 'supported'],
  ['Intel(R) Xeon(R) w5-2455X', 'supported'],
  ['Intel(R) Xeon(R) E-2236 CPU @ 3.40GHz', 'supported'],
  ['Intel(R) Xeon(R) Silver 4214 CPU @ 2.20GHz', 'supported', 2],
  ['Intel(R) Xeon(R) Silver 4114 CPU @ 2.20GHz', 'supported', 1],
  ['Intel(R) Xeon(R) Gold 6258R CPU @ 2.70GHz', 'supported', 2],
  ['Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz', 'supported', 3],
  ['Intel(R) Xeon(R) 6980P', 'supported', 6],
  ['Intel(R) Xeon(R) D-2146NT CPU @ 2.30GHz', 'unknown'],
  // Pentium, Celeron, Atom, Intel Processor
  ['Intel(R) Pentium(R) Gold 6405U CPU @ 2.40GHz', 'supported'],
  ['Intel(R) Pentium(R) Gold 4417U CPU @ 2.30GHz', 'supported'],
  ['Intel(R) Pentium(R) CPU 4415U @ 2.30GHz', 'unsupported'],
  ['Intel(R) Pentium(R) Gold G5400 CPU @ 3.70GHz', 'supported'],
  ['Intel(R) Pentium(R) CPU G4560 @ 3.50GHz', 'unsupported'],
  ['Intel(R) Pentium(R) Silver N5000 CPU @ 1.10GHz', 'supported'],
  ['Intel(R) Pentium(R) CPU N4200 @ 1.10GHz', 'unsupported'],
  ['Intel(R) Pentium(R) Dual-Core CPU E5400 @ 2.70GHz', 'unsupported'],
  ['Intel(R) Pentium(R) 4 CPU 3.00GHz', 'unsupported'],
  ['Intel(R) Celeron(R) N4020 CPU @ 1.10GHz', 'supported'],
  ['Intel(R) Celeron(R) N4500 @ 1.10GHz', 'supported'],
  ['Intel(R) Celeron(R) CPU N3060 @ 1.60GHz', 'unsupported'],
  ['Intel(R) Celeron(R) CPU J1900 @ 1.99GHz', 'unsupported'],
  ['Intel(R) Celeron(R) CPU G3930 @ 2.90GHz', 'unsupported'],
  ['Intel(R) Celeron(R) G4900 CPU @ 3.10GHz', 'supported'],
  ['Intel(R) Celeron(R) CPU 3867U @ 1.80GHz', 'supported'],
  ['Intel(R) Celeron(R) CPU 3865U @ 1.80GHz', 'unsupported'],
  ['Intel(R) Celeron(R) 7305', 'supported'],
  ['Intel(R) Atom(TM) x6425E CPU @ 2.00GHz', 'supported'],
  ['Intel(R) Atom(TM) x5-Z8350 CPU @ 1.44GHz', 'unsupported'],
  ['Intel(R) N100', 'supported'],
  // AMD Ryzen 1000 to 9000, Threadripper, EPYC, Athlon, older
  ['AMD Ryzen 7 1700 Eight-Core Processor', 'unsupported', 1],
  ['AMD Ryzen 5 1600 Six-Core Processor', 'unsupported', 1],
  ['AMD Ryzen 5 2600 Six-Core Processor', 'supported', 2],
  ['AMD Ryzen 7 2700X Eight-Core Processor', 'supported', 2],
  ['AMD Ryzen 5 2400G with Radeon Vega Graphics', 'unsupported', 2],
  ['AMD Ryzen 3 2200G with Radeon Vega Graphics', 'unsupported', 2],
  ['AMD Ryzen 5 PRO 2400GE w/ Radeon Vega Graphics', 'unsupported', 2],
  ['AMD Ryzen 5 2500U with Radeon Vega Mobile Gfx', 'unsupported', 2],
  ['AMD Ryzen 7 PRO 2700U w/ Radeon Vega Mobile Gfx', 'unsupported', 2],
  ['AMD Ryzen 3 3200G with Radeon Vega Graphics', 'supported', 3],
  ['AMD Ryzen 5 3400G with Radeon Vega Graphics', 'supported', 3],
  ['AMD Ryzen 5 3500U with Radeon Vega Mobile Gfx', 'supported', 3],
  ['AMD Ryzen 3 3250U with Radeon Graphics', 'supported', 3],
  ['AMD Ryzen 5 3600 6-Core Processor', 'supported', 3],
  ['AMD Ryzen 5 PRO 4650U with Radeon Graphics', 'supported', 4],
  ['AMD Ryzen 5 5600X 6-Core Processor', 'supported', 5],
  ['AMD Ryzen 7 5800H with Radeon Graphics', 'supported', 5],
  ['AMD Ryzen 7 6800U with Radeon Graphics', 'supported', 6],
  ['AMD Ryzen 5 7530U with Radeon Graphics', 'supported', 7],
  ['AMD Ryzen 9 7950X3D 16-Core Processor', 'supported', 7],
  ['AMD Ryzen 7 8840HS w/ Radeon 780M Graphics', 'supported', 8],
  ['AMD Ryzen 9 9950X 16-Core Processor', 'supported', 9],
  ['AMD Ryzen AI 9 HX 370 w/ Radeon 890M', 'supported', null],
  ['AMD Ryzen Threadripper 1950X 16-Core Processor', 'unsupported', 1],
  ['AMD Ryzen Threadripper 2950X 16-Core Processor', 'supported', 2],
  ['AMD Ryzen Threadripper PRO 3975WX 32-Cores', 'supported', 3],
  ['AMD EPYC 7551 32-Core Processor', 'unsupported', 1],
  ['AMD EPYC 7452 32-Core Processor', 'supported', 2],
  ['AMD EPYC 7H12 64-Core Processor', 'supported', 2],
  ['AMD EPYC 9654 96-Core Processor', 'supported', 4],
  ['AMD Athlon Silver 3050U with Radeon Graphics', 'supported'],
  ['AMD Athlon Gold 3150U with Radeon Graphics', 'supported'],
  ['AMD Athlon 3000G with Radeon Vega Graphics', 'supported'],
  ['AMD Athlon 300U with Radeon Vega Mobile Gfx', 'supported'],
  ['AMD Athlon 200GE with Radeon Vega Graphics', 'unsupported'],
  ['AMD Athlon(tm) II X2 250 Processor', 'unsupported'],
  ['AMD Athlon 5350 APU with Radeon(TM) R3', 'unsupported'],
  ['AMD 3020e with Radeon Graphics', 'supported'],
  ['AMD A10-9700 RADEON R7, 10 COMPUTE CORES 4C+6G', 'unsupported'],
  ['AMD FX(tm)-8350 Eight-Core Processor', 'unsupported'],
  ['AMD Phenom(tm) II X4 965 Processor', 'unsupported'],
  // Qualcomm
  ['Snapdragon(R) X Elite - X1E80100 - Qualcomm(R) Oryon(TM) CPU', 'supported'],
  ['Snapdragon(R) X Plus - X1P42100 - Qualcomm(R) Oryon(TM) CPU', 'supported'],
  ['Snapdragon (TM) 8cx Gen 3 @ 3.0 GHz', 'supported'],
  ['Snapdragon (TM) 8c @ 2.46 GHz', 'supported'],
  ['Qualcomm(R) Snapdragon(TM) 7c Gen 2', 'supported'],
  ['Snapdragon (TM) 850 @ 2.96 GHz', 'supported'],
  ['Microsoft SQ1 @ 3.0 GHz', 'supported'],
  ['Snapdragon (TM) 835 @ 2.21 GHz', 'unsupported'],
  // Not enough to tell
  ['Common KVM processor', 'unknown'],
  ['Intel Xeon Processor (Cascadelake)', 'unknown'],
  ['AMD EPYC Processor (with IBPB)', 'unknown'],
  ['QEMU Virtual CPU version 2.5+', 'unknown'],
  ['Intel Core Processor (Broadwell)', 'unknown'],
  ['Apple Silicon', 'unknown'],
];

describe('assessCpu', () => {
  it.each(table)('%s → %s', (name, support, generation) => {
    const cpu = assessCpu(name);
    expect(cpu.support).toBe(support);
    if (generation !== undefined) expect(cpu.generation).toBe(generation);
  });

  it('names the vendor and family', () => {
    expect(assessCpu('AMD Ryzen 7 1700 Eight-Core Processor')).toMatchObject({ vendor: 'amd', family: 'ryzen' });
    expect(assessCpu('Intel(R) Xeon(R) W-2245 CPU @ 3.90GHz')).toMatchObject({ vendor: 'intel', family: 'xeon' });
    expect(assessCpu('Snapdragon(R) X Elite - X1E80100')).toMatchObject({ vendor: 'qualcomm', family: 'snapdragon' });
    expect(assessCpu('Intel(R) Core(TM) i7-10700 CPU @ 2.90GHz')).toMatchObject({ family: 'core', model: 'i7-10700' });
  });

  it('accepts the i7-7820HQ only in the two devices Microsoft names', () => {
    const name = 'Intel(R) Core(TM) i7-7820HQ CPU @ 2.90GHz';
    expect(assessCpu(name, { systemModel: 'Surface Studio 2' }).support).toBe('supported');
    expect(assessCpu(name, { systemModel: 'Precision 5520' }).support).toBe('supported');
    expect(assessCpu(name, { systemModel: 'Latitude 5580' }).support).toBe('unsupported');
    expect(assessCpu(name).support).toBe('unknown');
  });

  it('is unknown, not unsupported, without a name', () => {
    expect(assessCpu(null).support).toBe('unknown');
    expect(assessCpu('   ').support).toBe('unknown');
  });
});

describe('readCoreGeneration', () => {
  it.each([
    ['920', 1],
    ['2600', 2],
    ['8350', 8],
    ['1065', 10],
    ['1135', 11],
    ['1255', 12],
    ['10700', 10],
    ['14900', 14],
  ])('%s → %i', (digits, generation) => {
    expect(readCoreGeneration(digits)).toBe(generation);
  });
});

describe('normalizeCpuName', () => {
  it('drops trademarks and the clock speed', () => {
    expect(normalizeCpuName('Intel(R) Core(TM) i7-10700 CPU @ 2.90GHz')).toBe('intel core i7-10700 cpu');
    expect(normalizeCpuName('Intel(R) Core(TM)2 Duo CPU')).toBe('intel core 2 duo cpu');
  });
});
