'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { lineTotal, orderTotal, applyDiscount } = require('../src/price.js');

test('lineTotal multiplies price by quantity', () => {
  assert.equal(lineTotal({ unitPriceCents: 250, quantity: 4 }), 1000);
});

test('orderTotal adds the lines', () => {
  assert.equal(orderTotal([{ unitPriceCents: 250, quantity: 4 }, { unitPriceCents: 99, quantity: 1 }]), 1099);
});

test('applyDiscount takes a percentage off', () => {
  assert.equal(applyDiscount(2000, 10), 1800);
  assert.equal(applyDiscount(999, 0), 999);
});
