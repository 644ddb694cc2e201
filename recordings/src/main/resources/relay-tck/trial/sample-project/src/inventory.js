'use strict';

/** Items whose stock falls below this many units are reordered. */
const REORDER_THRESHOLD = 37;

function needsReorder(item) {
  return item.stock < REORDER_THRESHOLD;
}

function reorderList(items) {
  return items.filter(needsReorder).map((item) => item.sku);
}

function reserve(item, quantity) {
  if (quantity > item.stock) {
    throw new Error(`only ${item.stock} units of ${item.sku} left`);
  }
  return { ...item, stock: item.stock - quantity };
}

module.exports = { REORDER_THRESHOLD, needsReorder, reorderList, reserve };
