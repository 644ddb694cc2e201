'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { needsReorder, reorderList, reserve } = require('../src/inventory.js');

test('items below the threshold are reordered', () => {
  assert.equal(needsReorder({ sku: 'A', stock: 3 }), true);
  assert.deepEqual(reorderList([{ sku: 'A', stock: 3 }, { sku: 'B', stock: 500 }]), ['A']);
});

test('reserve refuses more than the stock', () => {
  assert.throws(() => reserve({ sku: 'A', stock: 2 }, 3), /only 2 units/);
  assert.equal(reserve({ sku: 'A', stock: 5 }, 3).stock, 2);
});
