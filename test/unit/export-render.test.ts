/**
 * Exports a spreadsheet opens: names and owners come from AD, scanners and vendor registers, so an
 * attacker chooses them. Every CSV cell that would run as a formula is neutralised; JSON keeps the text.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { chokePoints, remediationPlan, scoreModel } from '@chokepoint/queries';
import { CHOKEPOINT_COLUMNS, PLAN_COLUMNS, ROUTE_COLUMNS, chokepointRows, neutraliseCell, planRows, renderExport, routeRows } from '@chokepoint/server';
import { hostileNamedModel } from '../helpers/model.js';

const HOSTILE = ['=HYPERLINK("http://evil.example","x")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1+1)', '\t=1+1', '\r=1+1'];

describe('CSV exports', () => {
  it('neutralises every formula-like cell (= + - @ tab CR) and leaves other text and numbers alone', () => {
    for (const h of HOSTILE) expect(neutraliseCell(h)).toBe(`'${h}`);
    expect(neutraliseCell('web01')).toBe('web01');
    expect(neutraliseCell(-0.5)).toBe(-0.5); // numbers are numbers, not formulas
    expect(neutraliseCell('a=b')).toBe('a=b');
  });

  it('rounds numbers for people in CSV (four significant digits, whole numbers as they are); JSON keeps full precision', () => {
    const rows = [{ a: 0.012345678, b: 12, c: 3.14159265, d: 123456.789 }];
    expect(renderExport('csv', ['a', 'b', 'c', 'd'], rows)).toBe('a,b,c,d\n0.01235,12,3.142,123500\n');
    expect(JSON.parse(renderExport('json', ['a', 'b', 'c', 'd'], rows))).toEqual(rows);
  });

  it('plan, route and choke-point exports of an estate with hostile names: no CSV cell can run, JSON keeps the names', () => {
    const names = HOSTILE;
    const model = hostileNamedModel(names);
    const scoring = scoreModel(model);
    const exports = [
      { columns: PLAN_COLUMNS, rows: planRows(model, remediationPlan(model, { steps: 20 })) },
      { columns: ROUTE_COLUMNS, rows: routeRows({ model, scoring }) },
      { columns: CHOKEPOINT_COLUMNS, rows: chokepointRows(chokePoints(model, scoring)) },
    ];
    for (const { columns, rows } of exports) {
      expect(rows.length).toBeGreaterThan(0);
      const csv = parse(renderExport('csv', columns, rows), { columns: true, relax_quotes: true }) as Array<Record<string, string>>;
      const cells = csv.flatMap((r) => Object.values(r));
      expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
      // The hostile names are there, as text (a choke step's name starts with its source, the Internet).
      const json = JSON.parse(renderExport('json', columns, rows)) as Array<Record<string, unknown>>;
      const values = json.flatMap((r) => Object.values(r)).filter((v): v is string => typeof v === 'string');
      expect(values.some((v) => v.includes('=HYPERLINK'))).toBe(true);
      for (const v of values.filter((x) => /^[=+\-@\t\r]/.test(x))) expect(cells).toContain(`'${v}`);
    }
    // Owners in the plan: every row names its asset's owner, neutralised in CSV.
    const plan = parse(renderExport('csv', PLAN_COLUMNS, exports[0]!.rows), { columns: true }) as Array<Record<string, string>>;
    expect(plan.every((r) => r.owner!.startsWith("'"))).toBe(true);
  });
});
