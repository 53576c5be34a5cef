/**
 * Imports: multipart upload of one or more files with a format, streamed to disk (never held in memory
 * whole), parsed by the format's importer in a child process and loaded as one run; a re-score is queued. Bad input is a 400
 * with the importer's message (file, line or path, expectation) and the store is unchanged. Runs list.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IMPORT_OPTIONS, IMPORT_OPTION_NAMES, findImporter, formatOptions, type ImportOptionName } from '@chokepoint/importers';
import { isChokepointError } from '@chokepoint/queries';
import { ApiError } from '../plugins/errors.js';
import { errors } from '../schemas/common.js';
import { ImportRun, ImportSummary } from '../schemas/responses.js';
import type { UploadedFile } from '../imports/protocol.js';

const safeName = (name: string) => basename(name).replace(/[^\w.-]+/g, '_').slice(0, 120) || 'upload';

/**
 * A failure while reading the multipart body is the client's (a cut or garbled body: busboy's "Unexpected
 * end of form", "Malformed part header" …) unless it is ours (an ApiError, a Chokepoint error, a size
 * limit) or the machine's (a system error writing the temp file).
 */
function malformed(e: unknown): unknown {
  const err = e as { code?: string; statusCode?: number; message?: string };
  if (e instanceof ApiError || isChokepointError(e) || err.statusCode === 413 || /^E[A-Z]+$/.test(err.code ?? '')) return e;
  return new ApiError(400, 'BAD_MULTIPART', `the multipart body cannot be read (${err.message ?? String(e)})`);
}

export const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/imports', {
    config: { role: 'analyst' },
    schema: {
      tags: ['imports'], consumes: ['multipart/form-data'],
      description: `Multipart form: a \`format\` field (see GET /api/kinds and \`chokepoint formats\`), an optional \`source\`, the format's options (${IMPORT_OPTION_NAMES.map((n) => IMPORT_OPTIONS[n].type === 'file' ? `a \`${n}\` file part` : `\`${n}\``).join(', ')}; each format reads some, see GET /api/kinds), then one or more files.`,
      response: {
        201: ImportSummary,
        ...errors,
      },
    },
  }, async (request, reply) => {
    if (!request.isMultipart()) throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send multipart/form-data with a format field and files');
    const dir = await mkdtemp(join(tmpdir(), 'chokepoint-upload-'));
    try {
      const fields: Record<string, string> = {};
      const files: UploadedFile[] = [];
      // File options (an OpenGraph mapping) arrive as file parts named after the option.
      const optionFiles: Partial<Record<ImportOptionName, UploadedFile>> = {};
      const received = app.imports.whileReceiving(() => request.raw.destroy());
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field') { fields[part.fieldname] = String(part.value); continue; }
          const asOption = IMPORT_OPTION_NAMES.find((n) => n === part.fieldname && IMPORT_OPTIONS[n].type === 'file');
          const path = join(dir, `${asOption ? `option-${asOption}` : files.length}-${safeName(part.filename)}`);
          await pipeline(part.file, createWriteStream(path));
          if (part.file.truncated) throw new ApiError(413, 'TOO_LARGE', `${part.filename} is over the upload limit of ${app.settings.uploadLimitBytes} bytes`);
          if (asOption) { optionFiles[asOption] = { name: part.filename || asOption, path, size: (await stat(path)).size }; continue; }
          const size = (await stat(path)).size;
          const name = part.filename || `file ${files.length + 1}`;
          files.push({ name, path, size });
        }
      } catch (e) {
        throw malformed(e);
      } finally {
        received();
      }
      const format = fields.format;
      if (!format) throw new ApiError(400, 'VALIDATION', 'the format field is required');
      const importer = findImporter(format);
      if (!importer) throw new ApiError(400, 'VALIDATION', `unknown format ${JSON.stringify(format)}`);
      if (files.length === 0) throw new ApiError(400, 'VALIDATION', 'no files in the upload');
      // A file option is only ever an uploaded part: a path typed into a field of that name is not read.
      const given = Object.fromEntries(IMPORT_OPTION_NAMES.map((n) => [n, IMPORT_OPTIONS[n].type === 'file' ? optionFiles[n]?.name : fields[n]]));
      let options: Record<string, string | boolean>;
      try { options = formatOptions(importer, given); } catch (e) { throw new ApiError(400, 'VALIDATION', (e as Error).message); }
      for (const n of IMPORT_OPTION_NAMES) if (IMPORT_OPTIONS[n].type === 'file') delete options[n];
      // Parsed in a child process, then loaded cooperatively: health checks and reads keep answering.
      const report = await app.imports.run(format, files, { ...(fields.source ? { source: fields.source } : {}), options }, optionFiles);
      void app.scoring.request(`import ${report.runId}`).catch((e: Error) => request.log.error(e, 're-score after import failed'));
      return reply.status(201).send({
        runId: report.runId, source: report.source, format: report.format, nodes: { read: report.nodes.read, written: report.nodes.written },
        edges: { read: report.edges.read, written: report.edges.written }, warnings: report.warnings, rescore: 'queued',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  app.get('/runs', {
    config: { role: 'viewer' },
    schema: {
      tags: ['imports'],
      response: { 200: Type.Array(ImportRun), ...errors },
    },
  }, async () => (await app.store.listRuns()).map((r) => ({ id: r.id, source: r.source, format: r.format, startedAt: r.startedAt, finishedAt: r.finishedAt, nodes: r.nodes, edges: r.edges, complete: r.complete, files: r.files })));
};
