/** Asset-inventory CSV importer: documented columns in, schema kinds out; every bad value named by line and column. */
import { describe, expect, it } from 'vitest';
import { batchIssues, type GraphBatch } from '@chokepoint/queries';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findImporter, openInput } from '@chokepoint/importers';
import { FIXTURES, parseFixture } from '../helpers/fixtures.js';

const parse = (file: string): Promise<GraphBatch> => parseFixture('inventory', `inventory/${file}`);

describe('inventory importer', () => {
  it('a record over the 1 MiB record limit (an 8 MB field) is refused at once with its line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inventory-big-'));
    try {
      const file = join(dir, 'huge.csv');
      const header = (await readFile(join(FIXTURES, 'inventory/datacentre.csv'), 'utf8')).split('\n')[0]!;
      await writeFile(file, `${header}\nplc-1,${'x'.repeat(8 * 1024 * 1024)}\n`);
      await expect(findImporter('inventory')!.parse([await openInput(file)], {})).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/huge\.csv:2: a record longer than 1048576 bytes/) });
    } finally { await rm(dir, { recursive: true, force: true }); }
  });


  it('maps each row to its schema kind with Purdue level, zone, criticality, exposure and extra columns', async () => {
    const b = await parse('datacentre.csv');
    expect(batchIssues(b)).toEqual([]);
    const kinds = Object.fromEntries(b.nodes.filter((n) => n.kind !== 'Zone').map((n) => [n.name, n.kind]));
    expect(kinds).toEqual({
      'plc-cooling-a': 'Controller', 'plc-power-1': 'Controller', 'ews-cooling': 'EngineeringWorkstation', 'hmi-1': 'Hmi',
      'cam-lobby': 'Device', 'badge-main': 'Device', 'web-1, public': 'Host',
    });
    const plc = b.nodes.find((n) => n.id === 'asset:plc-cooling-a')!;
    expect(plc).toMatchObject({ domain: 'ot', purdueLevel: 1, criticality: 10, aliases: ['ip:10.31.0.11', 'mac:00:1b:1b:aa:00:11'] });
    expect(plc.props).toEqual({ assetRole: 'plc', ip: '10.31.0.11', mac: '00:1b:1b:aa:00:11', vendor: 'Siemens', model: 'S7-1500', firmware: 'V2.9', owner: 'facilities', site: 'DC1' });
    expect(b.nodes.find((n) => n.id === 'asset:web-1, public')).toMatchObject({ exposure: 'internet', aliases: ['ip:203.0.113.10', 'fqdn:web-1.corp.example'] });
    expect(b.nodes.filter((n) => n.kind === 'Zone').map((n) => n.id).sort()).toEqual(['zone:bms', 'zone:cameras', 'zone:dmz', 'zone:ot-control', 'zone:ot-field', 'zone:ot-ops']);
    expect(b.edges.filter((e) => e.kind === 'InZone')).toHaveLength(7);
  });

  it.each([
    ['bad-kind.csv', /bad-kind\.csv:3:2 \(kind\): "plcc" is not valid; expected one of plc, rtu, safety, hmi, ews/],
    ['bad-purdue.csv', /bad-purdue\.csv:2:3 \(purdue_level\): "7" is not valid; expected one of 0, 1, 2, 3, 3\.5, 4, 5 or empty/],
    ['wrong-header.csv', /wrong-header\.csv:1: the header has no name column; expected a header row with at least the columns name and kind/],
    ['empty.csv', /empty\.csv:1: the file is empty \(0 bytes\)/],
    ['unbalanced-quote.csv', /unbalanced-quote\.csv(:\d+)?: not valid CSV/],
    ['latin1.csv', /latin1\.csv(:\d+)?: invalid UTF-8/],
  ])('rejects %s naming line, column and expectation', async (file, message) => {
    await expect(parse(file)).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(message) });
  });
});
