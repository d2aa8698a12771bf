import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanName, nameFromSearch, pagePath, socketUrl, spaceFromPath } from '../../main/resources/web/js/address.js';

test('/ is the lobby and /s/{space} is that space', () => {
  assert.equal(spaceFromPath('/'), 'lobby');
  assert.equal(spaceFromPath('/index.html'), 'lobby');
  assert.equal(spaceFromPath('/s/garden'), 'garden');
  assert.equal(spaceFromPath('/s/garden/'), 'garden');
  assert.equal(spaceFromPath('/s/Garden-2'), 'garden-2');
});

test('paths that name no valid space give null instead of a doomed connection', () => {
  for (const path of ['/s/', '/s/-x', '/s/a_b', `/s/${'a'.repeat(33)}`, '/elsewhere', '/s/a/b', '/s/%E0%A4%A']) {
    assert.equal(spaceFromPath(path), null, path);
  }
  assert.equal(spaceFromPath(`/s/${'a'.repeat(32)}`), 'a'.repeat(32));
});

test('names are cleaned as the server cleans them', () => {
  assert.equal(cleanName('  Ada  '), 'Ada');
  assert.equal(cleanName('A\u0000d\u200Ba\n'), 'Ada');
  assert.equal(cleanName('x'.repeat(30)), 'x'.repeat(24));
  assert.equal(cleanName('😀'.repeat(30)), '😀'.repeat(24), 'counted in code points, not UTF-16 units');
  assert.equal(cleanName(null), '');
  assert.equal(cleanName('\u00A0Bo'), '\u00A0Bo', 'Java strip() keeps non-breaking spaces');
});

test('the name comes from ?name=', () => {
  assert.equal(nameFromSearch('?name=Ada%20L.'), 'Ada L.');
  assert.equal(nameFromSearch(''), '');
});

test('the socket stays on the page\'s origin, wss under https', () => {
  assert.equal(socketUrl({ protocol: 'http:', host: 'localhost:8080' }, 'lobby'), 'ws://localhost:8080/ws/lobby');
  assert.equal(socketUrl({ protocol: 'https:', host: 'hb.example' }, 'garden', { name: 'Ada L.', resume: 'a+b/c=' }),
    'wss://hb.example/ws/garden?name=Ada+L.&resume=a%2Bb%2Fc%3D');
});

test('the lobby keeps its short page address', () => {
  assert.equal(pagePath('lobby'), '/');
  assert.equal(pagePath('garden', 'Ada'), '/s/garden?name=Ada');
  assert.equal(pagePath('lobby', 'Bo & Co'), '/?name=Bo+%26+Co');
});
