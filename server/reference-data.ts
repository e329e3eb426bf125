import { readFile } from 'node:fs/promises';
import { ConfigError, type Config } from './config.js';
import type { CountyFile } from './modules/org/county-import.js';
import type { LawRecord, QaRecord } from './modules/knowledge/library.js';

/*
 * The files a new database is loaded from (reference-data/ by default): the county tree, the law library and the
 * answered questions. They are read and checked at every start before the database is opened, so that a missing or
 * broken file stops the start with one sentence naming the file and its variable, and leaves nothing half-made.
 */

export interface ReferenceData {
  county: CountyFile;
  /** absent when the start imports no library (LEGALHUB_SEED_KNOWLEDGE=no) */
  library?: { laws: LawRecord[]; qa: QaRecord[] };
}

export async function readReferenceData(config: Config): Promise<ReferenceData> {
  const county = await readCountyTree(config.countyFile);
  if (config.seedKnowledge === 'no') return { county };
  const laws = await readRecords<LawRecord>(config.lawsFile, LAWS, lawProblem);
  const qa = await readRecords<QaRecord>(config.qaFile, QA, qaProblem);
  if (!laws.length) throw new ConfigError(`${LAWS.what} ${config.lawsFile} (${LAWS.variable}) holds no articles`);
  return { county, library: { laws, qa } };
}

interface Source {
  what: string;
  variable: string;
}
const COUNTY: Source = { what: 'the county file', variable: 'LEGALHUB_COUNTY_FILE' };
const LAWS: Source = { what: 'the law library file', variable: 'LEGALHUB_LAWS_FILE' };
const QA: Source = { what: 'the answered questions file', variable: 'LEGALHUB_QA_FILE' };

async function readText(file: string, source: Source): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : code === 'EACCES'
            ? 'cannot be read (permission denied)'
            : `cannot be read (${code ?? (error as Error).message})`;
    throw new ConfigError(`${source.what} ${file} (${source.variable}) ${why}`);
  }
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** The county tree, checked down to every village: codes nest by prefix (6 → 9 → 12 digits) and names are there. */
export async function readCountyTree(file: string): Promise<CountyFile> {
  const text = await readText(file, COUNTY);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${COUNTY.what} ${file} (${COUNTY.variable}) is not valid JSON (${(error as Error).message})`);
  }
  const problem = countyProblem(data);
  if (problem) throw new ConfigError(`${COUNTY.what} ${file} (${COUNTY.variable}) is not a county division tree: ${problem}`);
  return data as CountyFile;
}

function countyProblem(data: unknown): string | null {
  const county = data as Partial<CountyFile> | null;
  if (!county || typeof county !== 'object') return 'it is not an object';
  if (typeof county.code !== 'string' || !/^\d{6}$/.test(county.code)) return 'it has no 6-digit "code"';
  if (!isText(county.name)) return 'it has no "name"';
  if (!Array.isArray(county.children) || !county.children.length) return 'it has no towns in "children"';
  for (const [i, town] of county.children.entries()) {
    const at = `children[${i}]`;
    if (typeof town?.code !== 'string' || !new RegExp(`^${county.code}\\d{3}$`).test(town.code))
      return `${at} has no 9-digit "code" under ${county.code}`;
    if (!isText(town.name)) return `${at} has no "name"`;
    if (!Array.isArray(town.children)) return `${at} has no "children"`;
    for (const [j, village] of town.children.entries()) {
      const vat = `${at}.children[${j}]`;
      if (typeof village?.code !== 'string' || !new RegExp(`^${town.code}\\d{3}$`).test(village.code))
        return `${vat} has no 12-digit "code" under ${town.code}`;
      if (!isText(village.name) || !isText(village.shortName)) return `${vat} has no "name" or "shortName"`;
    }
  }
  return null;
}

/** One JSON object per line, each checked by `problem`; the first bad line stops the start, by its number. */
async function readRecords<T>(file: string, source: Source, problem: (r: Record<string, unknown>) => string | null): Promise<T[]> {
  const text = await readText(file, source);
  const records: T[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      throw new ConfigError(`line ${i + 1} of ${source.what} ${file} (${source.variable}) is not valid JSON (${(error as Error).message})`);
    }
    const why =
      record && typeof record === 'object' && !Array.isArray(record) ? problem(record as Record<string, unknown>) : 'not an object';
    if (why) throw new ConfigError(`line ${i + 1} of ${source.what} ${file} (${source.variable}) is not a valid record: ${why}`);
    records.push(record as T);
  }
  return records;
}

function lawProblem(r: Record<string, unknown>): string | null {
  for (const key of ['law', 'article', 'text'] as const)
    if (typeof r[key] !== 'string' || (key !== 'text' && !isText(r[key]))) return `no "${key}"`;
  if (!Number.isInteger(r.number) || (r.number as number) <= 0) return 'no whole positive "number"';
  return null;
}

function qaProblem(r: Record<string, unknown>): string | null {
  for (const key of ['id', 'question', 'answer'] as const) if (!isText(r[key])) return `no "${key}"`;
  if (r.refs !== undefined && !Array.isArray(r.refs)) return '"refs" is not a list';
  return null;
}
