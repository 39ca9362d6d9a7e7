#!/usr/bin/env node
// solc-compatible front end for solc-js (npm `solc`).
//
// Why not `solcjs --standard-json`? It prints an SMT notice on stdout, calls process.exit
// right after console.log (so output to a pipe is cut at 64 KiB), rejects --allow-paths and
// has no import callback in standard-JSON mode. This script avoids all three.
'use strict';

const fs = require('fs');
const path = require('path');

const PROJECT_ROOT = path.resolve(__dirname, '..');

function loadSolc() {
  const candidates = [
    path.join(process.cwd(), 'node_modules', 'solc'),
    path.join(PROJECT_ROOT, 'node_modules', 'solc'),
  ];
  for (const candidate of candidates) {
    if (fs.existsSync(candidate)) {
      return require(candidate);
    }
  }
  return require('solc');
}

function usage(message) {
  process.stderr.write(`Error: ${message}\nUsage: solc --version | --standard-json ` +
    `[--base-path DIR] [--include-path DIR] [--allow-paths LIST] ` +
    `| --combined-json abi,bin,bin-runtime,... [options] files...\n`);
  process.exit(1);
}

function parseArgs(argv) {
  const opts = {
    version: false, standardJson: false, combinedJson: null, basePath: null,
    includePaths: [], remappings: [], files: [], optimize: false, optimizeRuns: 200,
    evmVersion: null, viaIr: false, stdinInput: false,
  };
  const takesValue = new Set([
    '--base-path', '--include-path', '--allow-paths', '--combined-json',
    '--optimize-runs', '--evm-version', '--output-dir', '-o',
  ]);
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value = null;
    if (arg.startsWith('--') && arg.includes('=')) {
      value = arg.slice(arg.indexOf('=') + 1);
      arg = arg.slice(0, arg.indexOf('='));
    } else if (takesValue.has(arg)) {
      if (i + 1 >= argv.length) usage(`option ${arg} needs a value`);
      value = argv[++i];
    }
    switch (arg) {
      case '--version': opts.version = true; break;
      case '--standard-json': opts.standardJson = true; break;
      case '--combined-json': opts.combinedJson = value; break;
      case '--base-path': opts.basePath = value; break;
      case '--include-path': opts.includePaths.push(value); break;
      case '--allow-paths': break; // every readable path is allowed; accepted for compatibility
      case '--optimize': opts.optimize = true; break;
      case '--optimize-runs': opts.optimizeRuns = parseInt(value, 10); break;
      case '--evm-version': opts.evmVersion = value; break;
      case '--via-ir': opts.viaIr = true; break;
      case '--output-dir': case '-o': case '--overwrite': case '--no-color':
      case '--pretty-json': case '--json-indent': break;
      case '-': opts.stdinInput = true; break;
      default:
        if (arg.startsWith('-')) usage(`unsupported option ${arg}`);
        if (/^[^=]+=[^=]*$/.test(arg) && !fs.existsSync(arg)) opts.remappings.push(arg);
        else opts.files.push(arg);
    }
  }
  return opts;
}

function makeImportCallback(basePath, includePaths) {
  const roots = [basePath, ...includePaths, path.join(basePath, 'node_modules'),
    path.join(PROJECT_ROOT, 'node_modules'), PROJECT_ROOT];
  return function findImports(importPath) {
    const candidates = path.isAbsolute(importPath)
      ? [importPath]
      : roots.map((root) => path.join(root, importPath));
    for (const candidate of candidates) {
      try {
        return { contents: fs.readFileSync(candidate, 'utf8') };
      } catch (err) {
        // try the next root
      }
    }
    return { error: `File not found: ${importPath} (searched ${roots.join(', ')})` };
  };
}

function readStdin() {
  return fs.readFileSync(0, 'utf8');
}

// Write everything, then exit once the stream has drained (a pipe takes 64 KiB at a time).
function writeAndExit(text, code) {
  process.stdout.write(text, () => process.exit(code));
}

function standardJson(solc, opts) {
  const basePath = path.resolve(opts.basePath || process.cwd());
  const input = readStdin();
  const output = solc.compile(input, {
    import: makeImportCallback(basePath, opts.includePaths.map((p) => path.resolve(p))),
  });
  writeAndExit(output + '\n', 0);
}

function combinedJson(solc, opts) {
  const basePath = path.resolve(opts.basePath || process.cwd());
  const wanted = opts.combinedJson.split(',');
  const sources = {};
  for (const file of opts.files) {
    const abs = path.resolve(file);
    const rel = path.relative(basePath, abs);
    const key = rel.startsWith('..') ? abs : rel;
    sources[key] = { content: fs.readFileSync(abs, 'utf8') };
  }
  const selection = new Set();
  const map = {
    abi: 'abi', bin: 'evm.bytecode.object', 'bin-runtime': 'evm.deployedBytecode.object',
    srcmap: 'evm.bytecode.sourceMap', 'srcmap-runtime': 'evm.deployedBytecode.sourceMap',
    metadata: 'metadata', userdoc: 'userdoc', devdoc: 'devdoc', hashes: 'evm.methodIdentifiers',
    'storage-layout': 'storageLayout', 'generated-sources': 'evm.bytecode.generatedSources',
    'generated-sources-runtime': 'evm.deployedBytecode.generatedSources',
  };
  for (const w of wanted) if (map[w]) selection.add(map[w]);
  const settings = {
    optimizer: { enabled: opts.optimize, runs: opts.optimizeRuns },
    remappings: opts.remappings,
    outputSelection: { '*': { '*': [...selection], '': wanted.includes('ast') ? ['ast'] : [] } },
  };
  if (opts.evmVersion) settings.evmVersion = opts.evmVersion;
  if (opts.viaIr) settings.viaIR = true;
  const input = { language: 'Solidity', sources, settings };
  const out = JSON.parse(solc.compile(JSON.stringify(input), {
    import: makeImportCallback(basePath, opts.includePaths.map((p) => path.resolve(p))),
  }));
  const errors = (out.errors || []).filter((e) => e.severity === 'error');
  for (const e of out.errors || []) process.stderr.write(e.formattedMessage || e.message);
  if (errors.length) process.exit(1);
  const contracts = {};
  for (const [file, byName] of Object.entries(out.contracts || {})) {
    for (const [name, c] of Object.entries(byName)) {
      const entry = {};
      const bc = (c.evm || {}).bytecode || {};
      const dbc = (c.evm || {}).deployedBytecode || {};
      if (wanted.includes('abi')) entry.abi = c.abi;
      if (wanted.includes('bin')) entry.bin = bc.object;
      if (wanted.includes('bin-runtime')) entry['bin-runtime'] = dbc.object;
      if (wanted.includes('srcmap')) entry.srcmap = bc.sourceMap;
      if (wanted.includes('srcmap-runtime')) entry['srcmap-runtime'] = dbc.sourceMap;
      if (wanted.includes('metadata')) entry.metadata = c.metadata;
      if (wanted.includes('userdoc')) entry.userdoc = c.userdoc;
      if (wanted.includes('devdoc')) entry.devdoc = c.devdoc;
      if (wanted.includes('hashes')) entry.hashes = (c.evm || {}).methodIdentifiers;
      if (wanted.includes('storage-layout')) entry['storage-layout'] = c.storageLayout;
      contracts[`${file}:${name}`] = entry;
    }
  }
  const result = { contracts, version: solc.version() };
  if (wanted.includes('ast')) {
    result.sourceList = Object.keys(out.sources || {});
    result.sources = {};
    for (const [file, src] of Object.entries(out.sources || {})) {
      result.sources[file] = { AST: src.ast, id: src.id };
    }
  }
  writeAndExit(JSON.stringify(result) + '\n', 0);
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const solc = loadSolc();
  if (opts.version) {
    writeAndExit(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`, 0);
  } else if (opts.standardJson) {
    standardJson(solc, opts);
  } else if (opts.combinedJson) {
    combinedJson(solc, opts);
  } else {
    usage('one of --version, --standard-json or --combined-json is required');
  }
}

main();
