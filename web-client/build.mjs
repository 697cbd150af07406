// Bundles one ES module entry point and what it imports (our modules, @noble/*) into one file.
// Called by the Maven build (pom.xml): node build.mjs ENTRY OUTFILE
import * as esbuild from 'esbuild';

const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) {
  console.error('usage: node build.mjs ENTRY OUTFILE');
  process.exit(2);
}
await esbuild.build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  format: 'esm',
  target: ['chrome120', 'firefox130', 'safari17'],
  minify: false,          // readable on purpose: users and learners may audit what their browser runs
  legalComments: 'inline', // keeps the @noble licence headers
  logLevel: 'warning',
});
