#!/usr/bin/env node
// Exit 0 when node_modules/ matches package-lock.json (same version of every required
// package), 1 otherwise. Lets `make setup` skip `npm ci` when nothing changed.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
function read(file) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')).packages || {};
  } catch (err) {
    return null;
  }
}
const wanted = read('package-lock.json');
const installed = read('node_modules/.package-lock.json');
if (!wanted || !installed) process.exit(1);
for (const [key, meta] of Object.entries(wanted)) {
  if (key === '') continue;
  const have = installed[key];
  if (!have) {
    if (meta.optional) continue; // other platforms' binaries
    process.exit(1);
  }
  if (have.version !== meta.version) process.exit(1);
}
process.exit(0);
