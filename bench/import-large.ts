/**
 * One bench measurement in its own process: import a large generated file through the real importer
 * and loader into a fresh embedded store; print rows/s and peak RSS as one JSON line.
 *   tsx bench/import-large.ts nmap|zeek <megabytes>
 * The nmap file looks like a -A scan of a /16 (most hosts down, script output on open ports); the Zeek
 * conn.log repeats flows between a few thousand hosts, as a day of capture does.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { EmbeddedStore } from '@chokepoint/queries';
import { findImporter, loadBatch, openInput } from '@chokepoint/importers';

const [format, mbArg] = process.argv.slice(2) as ['nmap' | 'zeek', string];
const target = Number(mbArg) * 1024 * 1024;
const dir = await mkdtemp(join(tmpdir(), 'chokepoint-large-'));
const file = join(dir, format === 'nmap' ? 'scan.xml' : 'conn.log');
const out = createWriteStream(file);
let written = 0;
let rows = 0;
const write = async (s: string) => { written += s.length; if (!out.write(s)) await once(out, 'drain'); };
const script = 'x'.repeat(1800);
if (format === 'nmap') {
  await write('<?xml version="1.0"?>\n<nmaprun scanner="nmap" args="nmap -A 10.0.0.0/16" version="7.94" xmloutputversion="1.05">\n');
  for (let i = 0; written < target; i++) {
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    if (i % 10 < 7) { await write(`<host><status state="down" reason="no-response"/><address addr="${ip}" addrtype="ipv4"/></host>\n`); continue; }
    let ports = '';
    for (const p of [22, 80, 443, 445, 3389]) {
      ports += `<port protocol="tcp" portid="${p}"><state state="open" reason="syn-ack"/><service name="svc${p}" product="Product ${p}" version="1.${p}"><cpe>cpe:/a:vendor:product:${p}</cpe></service><script id="banner" output="${script}"/></port>\n`;
      rows++;
    }
    await write(`<host><status state="up" reason="syn-ack"/><address addr="${ip}" addrtype="ipv4"/><hostnames><hostname name="h${i}.corp.example" type="PTR"/></hostnames><ports><extraports state="closed" count="995"/>\n${ports}</ports></host>\n`);
  }
  await write('</nmaprun>\n');
} else {
  await write('#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\n');
  for (let i = 0; written < target; i++) {
    const o = i % 3000, r = (i * 7) % 200, port = [502, 102, 44818, 443, 445][i % 5];
    await write(`1700000000.${i}\tC${i}\t10.20.${o >> 8}.${o & 255}\t${40000 + (i % 20000)}\t10.31.0.${r}\t${port}\ttcp\t-\t0.1\t100\t200\tSF\tT\tT\t0\tShADadFf\t5\t400\t5\t500\t(empty)\n`);
    rows++;
  }
}
out.end();
await once(out, 'finish');
const bytes = (await stat(file)).size;
const store = new EmbeddedStore({ dataDir: join(dir, 'store') });
await store.init();
const t = performance.now();
const batch = await findImporter(format)!.parse([await openInput(file)], {});
const parseMs = performance.now() - t;
const report = await loadBatch(store, batch);
const totalMs = performance.now() - t;
await store.close();
await rm(dir, { recursive: true, force: true });
console.log(JSON.stringify({
  format, megabytes: bytes / 1048576, rows, parseMs, totalMs, rowsPerSec: rows / (totalMs / 1000),
  nodes: report.nodes.written, edges: report.edges.written, peakRssMb: process.resourceUsage().maxRSS / 1024,
}));
