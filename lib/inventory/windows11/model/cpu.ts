// Processor support for Windows 11 24H2, judged from the processor name string
// that NinjaOne reports (processors[0].name), because that is all the RMM gives.
//
// The rules restate Microsoft's supported-processor lists (as WhyNotWin11
// mirrors them) and its HardwareReadiness script as family and model-number
// patterns, so that new models in a supported series pass without a list
// update. The 24H2 lists Microsoft publishes for OEMs start later (Intel 11th
// gen); they govern new designs, not upgrades of existing PCs, so the upgrade
// floor below is the one that applies to a fleet.
//
// A name that matches no rule is 'unknown' (needs review), never 'unsupported'.

export type CpuVendor = 'intel' | 'amd' | 'qualcomm' | 'unknown';
export type CpuSupport = 'supported' | 'unsupported' | 'unknown';

export interface CpuAssessment {
  /** The name as given. */
  name: string | null;
  vendor: CpuVendor;
  /** e.g. core, core_ultra, xeon, pentium, celeron, atom, ryzen, threadripper, epyc, athlon, snapdragon. */
  family: string | null;
  /** The model as parsed, e.g. "i7-10700", "ryzen 5 4650u". */
  model: string | null;
  /** Intel Core generation, Ryzen/Threadripper series digit or Xeon Scalable generation, when the name shows one. */
  generation: number | null;
  support: CpuSupport;
  /** Why, in a sentence a technician can check against Microsoft's list. */
  reason: string;
}

export interface CpuContext {
  /** The device model, for the few processors Microsoft supports only in named devices. */
  systemModel?: string | null;
}

type Verdict = Omit<CpuAssessment, 'name' | 'vendor'>;

/** Decides whether a processor name is on Microsoft's Windows 11 24H2 list (upgrade rules). */
export function assessCpu(name: string | null | undefined, context: CpuContext = {}): CpuAssessment {
  const raw = name?.trim() ?? '';
  if (raw === '') {
    return { name: name ?? null, vendor: 'unknown', ...unknown(null, null, 'No processor name was reported.') };
  }
  const text = normalizeCpuName(raw);
  const vendor = detectVendor(text);
  const verdict =
    vendor === 'amd'
      ? assessAmd(text)
      : vendor === 'qualcomm'
        ? assessQualcomm(text)
        : vendor === 'intel'
          ? assessIntel(text, context)
          : unknown(null, null, 'The processor vendor is not recognised; check it against Microsoft’s list.');
  return { name: raw, vendor, ...verdict };
}

/** Lower case, trademarks removed, clock speed ("@ 2.90GHz") dropped, spaces collapsed. */
export function normalizeCpuName(name: string): string {
  return name
    .replace(/\((?:r|tm|c)\)|®|™/gi, ' ')
    .split('@')[0]!
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function detectVendor(text: string): CpuVendor {
  // AMD first: its names say "Eight-Core", which an Intel "core" test would catch.
  if (/\bamd\b|ryzen|athlon|epyc|opteron|phenom|sempron|turion/.test(text)) return 'amd';
  if (/snapdragon|qualcomm|microsoft sq\d|\bqc[ms]\d/.test(text)) return 'qualcomm';
  if (/intel|xeon|pentium|celeron|\batom\b|\bcore\b/.test(text)) return 'intel';
  return 'unknown';
}

function supported(family: string, model: string | null, generation: number | null, reason: string): Verdict {
  return { family, model, generation, support: 'supported', reason };
}
function unsupported(family: string, model: string | null, generation: number | null, reason: string): Verdict {
  return { family, model, generation, support: 'unsupported', reason };
}
function unknown(family: string | null, model: string | null, reason: string): Verdict {
  return { family, model, generation: null, support: 'unknown', reason };
}

// ---------------------------------------------------------------- Intel

function assessIntel(text: string, context: CpuContext): Verdict {
  const ultra = /\bcore ultra ([3579]) ?(\d{3}[a-z]*)?/.exec(text);
  if (ultra) return supported('core_ultra', ultra[0], null, 'Intel Core Ultra processors are supported.');

  const core = assessIntelCore(text, context);
  if (core) return core;

  // Core 3/5/7 "Series 1/2" (e.g. Core 7 150U) are Raptor Lake and later.
  const coreSeries = /\bcore ([357]) (\d{3}[a-z]*)\b/.exec(text);
  if (coreSeries) return supported('core', coreSeries[0], null, 'Intel Core 3/5/7 (Series 1 and later) processors are supported.');

  if (/\bcore ?2\b|\bcore (?:duo|solo)\b/.test(text)) {
    return unsupported('core2', null, null, 'Intel Core 2 and Core Duo processors are not supported.');
  }
  if (/\bxeon\b/.test(text)) return assessXeon(text);
  if (/\bpentium\b/.test(text)) return assessPentium(text);
  if (/\bceleron\b/.test(text)) return assessCeleron(text);
  if (/\batom\b/.test(text)) return assessAtom(text);

  // Alder Lake-N and later "Intel Processor N100/N200/U300" carry no brand.
  const plain = /\bintel (?:processor )?([nu]\d{2,3}e?)\b/.exec(text);
  if (plain) return supported('intel_processor', plain[1]!, null, 'Intel Processor N-series/U-series (2023 and later) are supported.');

  return unknown(null, null, 'The Intel processor name is not recognised; check it against Microsoft’s list.');
}

function assessIntelCore(text: string, context: CpuContext): Verdict | null {
  // i3-N300/N305: Alder Lake-N.
  const nSeries = /\bi3-n\d{3}\b/.exec(text);
  if (nSeries) return supported('core', nSeries[0], 12, 'Intel Core i3 N-series (Alder Lake-N) is supported.');

  // i5-L16G7 / i3-L13G4: Lakefield.
  const lakefield = /\bi[357]-l1\dg\d\b/.exec(text);
  if (lakefield) return supported('core', lakefield[0], 10, 'Intel Core with Hybrid Technology (Lakefield) is supported.');

  const numbered = /\bi[3579]-(\d{3,5})(?:[a-z][a-z0-9]*)?\b/.exec(text);
  if (numbered) return judgeCoreGeneration(numbered[0], readCoreGeneration(numbered[1]!), context);

  // First generation: "Core(TM) i7 CPU 920", "Core(TM) i5 CPU M 520".
  const firstGen = /\bi([3579]) cpu (?:[a-z] )?(\d{3})\b/.exec(text);
  if (firstGen) return judgeCoreGeneration(firstGen[0], 1, context);

  // Core m: m3-8100Y is 8th gen; m3-7Y30 / m5-6Y57 / M-5Y10 are older.
  const coreM = /\bm([357])?-(\d)(?:\d{3}|y\d{2})[a-z]?\b/.exec(text);
  if (coreM) return judgeCoreGeneration(coreM[0], Number(coreM[2]), context);

  const spelled = /\b(\d{1,2})(?:st|nd|rd|th) gen\b/.exec(text);
  if (spelled && /\bcore\b/.test(text)) return judgeCoreGeneration(`core ${ordinal(Number(spelled[1]))} gen`, Number(spelled[1]), context);

  return null;
}

/**
 * The generation from a Core model number: numbers starting with 1 (5 digits,
 * or 4 from 10th-gen mobile on) carry it in the first two (10700 → 10,
 * 1135 → 11); other 4-digit numbers in the first (8350 → 8); 3-digit numbers
 * are first generation (920).
 */
export function readCoreGeneration(digits: string): number {
  if (digits.length === 3) return 1;
  if (digits.startsWith('1')) return Number(digits.slice(0, 2));
  return Number(digits.slice(0, 1));
}

// 7th-generation model numbers on Microsoft's list: Skylake-X (CPUID model 85, which
// the readiness script allows) and the i7-7820HQ of two named devices.
const SKYLAKE_X_MODELS = new Set(['i7-7800x', 'i7-7820x', 'i9-7900x', 'i9-7920x', 'i9-7940x', 'i9-7960x', 'i9-7980xe']);

function judgeCoreGeneration(model: string, generation: number, context: CpuContext): Verdict {
  if (generation >= 8) {
    return supported('core', model, generation, `Intel Core ${ordinal(generation)} generation (8th or newer) is supported.`);
  }
  if (SKYLAKE_X_MODELS.has(model)) {
    return supported('core', model, generation, 'Intel Core X-series (Skylake-X) is on Microsoft’s list.');
  }
  if (model === 'i7-7820hq') {
    const device = context.systemModel ?? '';
    if (/surface studio 2|precision 5520/i.test(device)) {
      return supported('core', model, generation, 'The i7-7820HQ is supported in the Surface Studio 2 and Dell Precision 5520.');
    }
    return {
      family: 'core',
      model,
      generation,
      support: device.trim() === '' ? 'unknown' : 'unsupported',
      reason: 'The i7-7820HQ is supported only in the Surface Studio 2 and Dell Precision 5520.',
    };
  }
  return unsupported('core', model, generation, `Intel Core ${ordinal(generation)} generation is older than the 8th generation Microsoft requires.`);
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

function assessXeon(text: string): Verdict {
  // Every Xeon Scalable (Bronze/Silver/Gold/Platinum) generation is listed, Skylake-SP included.
  const scalable = /\bxeon (?:cpu )?(bronze|silver|gold|platinum) (\d)(\d)\d{2}[a-z]*\b/.exec(text);
  if (scalable) {
    return supported('xeon', scalable[0].replace(/^xeon (?:cpu )?/, 'xeon '), Number(scalable[3]), 'Intel Xeon Scalable processors are supported.');
  }
  // W-1200/1300, W-2100/2200, W-3100/3200, W-10885M, w5-2455X: all on the list.
  const workstation = /\bw(?:[3579])?-\d{4,5}[a-z]*\b/.exec(text);
  if (workstation) return supported('xeon', `xeon ${workstation[0]}`, null, 'Intel Xeon W processors (Skylake-W and later) are supported.');
  // E-2100 and later (Coffee Lake and newer); E3/E5/E7 are older.
  const entry = /\be-2\d{3}[a-z]*\b/.exec(text);
  if (entry) return supported('xeon', `xeon ${entry[0]}`, null, 'Intel Xeon E-2100 and later are supported.');
  const legacy = /\be[357]-\d{4}[a-z]*(?: v\d)?/.exec(text);
  if (legacy) return unsupported('xeon', `xeon ${legacy[0]}`, null, 'Intel Xeon E3/E5/E7 processors are not on Microsoft’s list.');
  // Xeon 6 (6980P, 6740E).
  const xeon6 = /\bxeon (?:cpu )?(6\d{3}[pe])\b/.exec(text);
  if (xeon6) return supported('xeon', `xeon ${xeon6[1]}`, 6, 'Intel Xeon 6 processors are supported.');
  if (/\bxeon (?:cpu )?d-\d{4}/.test(text)) return unknown('xeon', null, 'Intel Xeon D: check the model against Microsoft’s list.');
  if (/\bxeon phi\b/.test(text)) return unsupported('xeon', 'xeon phi', null, 'Intel Xeon Phi is not supported.');
  // Pre-2012 names: X5670, E5520, L5640, W3550, 5160.
  const old = /\bxeon (?:cpu )?([xelw]?\d{4})\b/.exec(text);
  if (old) return unsupported('xeon', `xeon ${old[1]}`, null, 'This Xeon predates Microsoft’s list.');
  return unknown('xeon', null, 'The Xeon model is not recognised; check it against Microsoft’s list.');
}

function assessPentium(text: string): Verdict {
  const desktop = /\bpentium (?:gold |silver )?(?:cpu )?g(\d{4})[a-z]*\b/.exec(text);
  if (desktop) {
    const number = Number(desktop[1]);
    // G5400 and later are Coffee Lake or newer; G4xxx and below are Skylake/Kaby Lake or older.
    return number >= 5400
      ? supported('pentium', desktop[0], null, 'Intel Pentium Gold G5400 and later are supported.')
      : unsupported('pentium', desktop[0], null, 'Pentium desktop models before G5400 are not supported.');
  }
  const atomBased = /\bpentium (?:gold |silver )?(?:cpu )?([nj])(\d{4})[a-z]*\b/.exec(text);
  if (atomBased) {
    // Silver J5005/N5000 (Gemini Lake) and N6000/J6426 onwards; N4200/J3710 are older.
    return Number(atomBased[2]) >= 5000
      ? supported('pentium', atomBased[0], null, 'Intel Pentium Silver (Gemini Lake) and later are supported.')
      : unsupported('pentium', atomBased[0], null, 'Pentium N/J models before Gemini Lake are not supported.');
  }
  const mobile = /\bpentium (?:gold |silver )?(?:cpu )?(\d{4})([a-z]*)\b/.exec(text);
  if (mobile) {
    const number = Number(mobile[1]);
    // 4417U and 4425Y are the only 4000-series Pentiums on the list.
    return number >= 5000 || number === 4417 || number === 4425
      ? supported('pentium', mobile[0], null, 'This Pentium Gold model is on Microsoft’s list.')
      : unsupported('pentium', mobile[0], null, 'This Pentium model is older than Microsoft’s list.');
  }
  if (/\bpentium (?:4|d|m|ii|iii|pro|dual-core|dual core)\b|\bpentium (?:cpu )?[a-z]\d{3,4}\b/.test(text)) {
    return unsupported('pentium', null, null, 'This Pentium predates Microsoft’s list.');
  }
  return unknown('pentium', null, 'The Pentium model is not recognised; check it against Microsoft’s list.');
}

function assessCeleron(text: string): Verdict {
  const desktop = /\bceleron (?:cpu )?g(\d{4})[a-z]*\b/.exec(text);
  if (desktop) {
    return Number(desktop[1]) >= 4900
      ? supported('celeron', desktop[0], null, 'Intel Celeron G4900 and later are supported.')
      : unsupported('celeron', desktop[0], null, 'Celeron desktop models before G4900 are not supported.');
  }
  const atomBased = /\bceleron (?:cpu )?([nj])(\d{4})[a-z]*\b/.exec(text);
  if (atomBased) {
    // N4000/J4005 (Gemini Lake) and later; N3xxx/J3xxx and older are not listed.
    return Number(atomBased[2]) >= 4000
      ? supported('celeron', atomBased[0], null, 'Intel Celeron N4000/J4005 (Gemini Lake) and later are supported.')
      : unsupported('celeron', atomBased[0], null, 'Celeron N/J models before Gemini Lake are not supported.');
  }
  const mobile = /\bceleron (?:cpu )?(\d{4})([a-z]*)\b/.exec(text);
  if (mobile) {
    const number = Number(mobile[1]);
    // 3867U (Whiskey Lake) is the one 3000-series Celeron on the list.
    return number >= 4000 || number === 3867
      ? supported('celeron', mobile[0], null, 'This Celeron model is on Microsoft’s list.')
      : unsupported('celeron', mobile[0], null, 'This Celeron model is older than Microsoft’s list.');
  }
  if (/\bceleron (?:cpu )?(?:[a-z]?\d{3}|[a-z]\d{4}|m|d)\b/.test(text)) {
    return unsupported('celeron', null, null, 'This Celeron predates Microsoft’s list.');
  }
  return unknown('celeron', null, 'The Celeron model is not recognised; check it against Microsoft’s list.');
}

function assessAtom(text: string): Verdict {
  const elkhart = /\batom (?:cpu )?x6\d{3}[a-z]*\b/.exec(text);
  if (elkhart) return supported('atom', elkhart[0], null, 'Intel Atom x6000 (Elkhart Lake) processors are supported.');
  if (/\batom (?:cpu )?[a-z0-9-]*\d/.test(text)) return unsupported('atom', null, null, 'Only Atom x6000 processors are supported.');
  return unknown('atom', null, 'The Atom model is not recognised; check it against Microsoft’s list.');
}

// ---------------------------------------------------------------- AMD

function assessAmd(text: string): Verdict {
  const threadripper = /\bthreadripper (?:pro )?(\d)\d{3}[a-z]*\b/.exec(text);
  if (threadripper) {
    const series = Number(threadripper[1]);
    return series >= 2
      ? supported('threadripper', threadripper[0], series, 'Ryzen Threadripper 2000 (Zen+) and later are supported.')
      : unsupported('threadripper', threadripper[0], series, 'Ryzen Threadripper 1000 (Zen) is not supported.');
  }
  if (/\bryzen (?:ai|z\d)\b/.test(text)) {
    return supported('ryzen', /\bryzen [^\s]+(?: [^\s]+)?/.exec(text)?.[0] ?? 'ryzen', null, 'Ryzen AI and Ryzen Z processors are supported.');
  }
  const embedded = /\bryzen embedded ([vr]?)(\d)\d{3}[a-z]*\b/.exec(text);
  if (embedded) {
    const series = Number(embedded[2]);
    return series >= 2
      ? supported('ryzen', embedded[0], series, 'Ryzen Embedded 2000 and later are supported.')
      : unsupported('ryzen', embedded[0], series, 'Ryzen Embedded V1000/R1000 (Zen) is not supported.');
  }
  const ryzen = /\bryzen (?:[3579] )?(?:pro )?(\d)(\d{3})([a-z][a-z0-9]*)?\b/.exec(text);
  if (ryzen) return judgeRyzen(ryzen[0], Number(ryzen[1]), ryzen[3] ?? '');

  const epyc = /\bepyc (?:embedded )?(\d)[0-9a-z]{2}(\d)[a-z]*\b/.exec(text);
  if (epyc) {
    // The last digit is the generation: 7xx1/3xx1 are Naples (Zen); 7xx2 Rome and later pass.
    const generation = Number(epyc[2]);
    return generation >= 2
      ? supported('epyc', epyc[0], generation, 'AMD EPYC 2nd generation (Rome) and later are supported.')
      : unsupported('epyc', epyc[0], generation, 'AMD EPYC 1st generation (Naples, Zen) is not supported.');
  }
  if (/\bathlon\b/.test(text)) return assessAthlon(text);

  const mendocinoLite = /\bamd (30[12]\dc?e)\b/.exec(text);
  if (mendocinoLite) return supported('athlon', `amd ${mendocinoLite[1]}`, null, 'The AMD 3015e/3020e are on Microsoft’s list.');

  if (/\b(?:pro )?a(?:4|6|8|9|10|12)-\d{4}|\bfx ?-?\d{4}|\bphenom\b|\bopteron\b|\bsempron\b|\bturion\b|\be[12]-\d{4}|\bgx-\d{3}/.test(text)) {
    return unsupported('amd_legacy', null, null, 'AMD processors before Zen+ (A-series, FX, Phenom, Opteron…) are not supported.');
  }
  return unknown(null, null, 'The AMD processor name is not recognised; check it against Microsoft’s list.');
}

function judgeRyzen(model: string, series: number, suffix: string): Verdict {
  if (series >= 3) return supported('ryzen', model, series, `AMD Ryzen ${series}000 series is supported.`);
  if (series === 2) {
    // Ryzen 2000 APUs (2200G, 2400GE, 2500U, 2700U, 2800H) are Raven Ridge, i.e. Zen, not Zen+.
    if (/^(?:g|ge|u|h|hs)$/.test(suffix)) {
      return unsupported('ryzen', model, series, 'Ryzen 2000 APUs (G/GE/U/H) are first-generation Zen and not supported.');
    }
    return supported('ryzen', model, series, 'AMD Ryzen 2000 desktop processors (Zen+) are supported.');
  }
  // The rare 1600 "AF" is Zen+ but reports the same name; treat it as its name says.
  return unsupported('ryzen', model, series, 'AMD Ryzen 1000 series (Zen) is not supported.');
}

function assessAthlon(text: string): Verdict {
  const four = /\bathlon (?:(?:gold|silver|pro) )*(\d)\d{3}[a-z]*\b/.exec(text);
  if (four) {
    // 3000-series (Dali/Picasso) and 7000-series (Mendocino) are listed; 5350 and such are Jaguar.
    const first = Number(four[1]);
    return first === 3 || first === 7
      ? supported('athlon', four[0], null, 'This AMD Athlon (Zen-based, 3000/7000 series) is on Microsoft’s list.')
      : unsupported('athlon', four[0], null, 'This AMD Athlon is older than Microsoft’s list.');
  }
  const three = /\bathlon (?:(?:gold|silver|pro) )*(\d)\d{2}[a-z]+\b/.exec(text);
  if (three) {
    // 300U/300GE/320GE are Picasso (listed); 200GE/220GE/240GE are Raven Ridge (not).
    return three[1] === '3'
      ? supported('athlon', three[0], null, 'AMD Athlon 300-series is on Microsoft’s list.')
      : unsupported('athlon', three[0], null, 'AMD Athlon 200-series (Raven Ridge) is not supported.');
  }
  if (/\bathlon (?:ii|64|x[24]|xp|mp|neo|\d)/.test(text)) {
    return unsupported('athlon', null, null, 'This AMD Athlon predates Microsoft’s list.');
  }
  return unknown('athlon', null, 'The Athlon model is not recognised; check it against Microsoft’s list.');
}

// ---------------------------------------------------------------- Qualcomm

const SUPPORTED_SNAPDRAGONS = new Set(['850', '7c', '7c+', '8c', '8cx', 'x']);

function assessQualcomm(text: string): Verdict {
  const sq = /\bmicrosoft sq\d\b/.exec(text);
  if (sq) return supported('snapdragon', sq[0], null, 'Microsoft SQ processors are supported.');
  if (/\bqc[ms](?:5430|6490)\b/.test(text)) return supported('snapdragon', null, null, 'Qualcomm QCM/QCS 5430 and 6490 are supported.');
  if (/\bx1[ep]?-?\d{2}-?\d{3}\b/.test(text)) return supported('snapdragon', 'snapdragon x', null, 'Snapdragon X processors are supported.');
  const token = /\bsnapdragon (?:compute platform )?([^\s]+)/.exec(text)?.[1];
  if (token && SUPPORTED_SNAPDRAGONS.has(token)) {
    return supported('snapdragon', `snapdragon ${token}`, null, `Snapdragon ${token} is on Microsoft’s list.`);
  }
  if (token && /^8\d\d$/.test(token)) {
    return unsupported('snapdragon', `snapdragon ${token}`, null, 'Only the Snapdragon 850 of the 800 series is supported.');
  }
  return unknown('snapdragon', null, 'The Snapdragon model is not recognised; check it against Microsoft’s list.');
}
